using MailScan.Coordinator.Batches;
using MailScan.Redis.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace MailScan.Coordinator.Tests.Batches;

public sealed class BatchServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    private BatchService Service(IBatchStore store, long maxNames = 100) =>
        new(store, new BatchWakeUp(), Microsoft.Extensions.Options.Options.Create(new ClusterOptions { BatchMaxNames = maxNames }), _time);

    [Fact]
    public async Task A_batch_without_a_valid_name_is_an_invalid_request_naming_the_first_bad_line()
    {
        var service = Service(new MemoryBatchStore(_time, TimeSpan.FromDays(7)));
        var collector = service.NewCollector();
        collector.Add("# only a comment");
        collector.Add("bad..name");
        var problem = await Assert.ThrowsAsync<BatchRequestException>(() => service.SubmitAsync(collector, "owner", "t", CancellationToken.None));
        Assert.Equal(BatchProblem.InvalidRequest, problem.Problem);
        Assert.Contains("line 2", problem.Message);
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_too_large()
    {
        var service = Service(new MemoryBatchStore(_time, TimeSpan.FromDays(7)), maxNames: 1);
        var collector = service.NewCollector();
        collector.Add("a.nl");
        collector.Add("b.nl");
        var problem = await Assert.ThrowsAsync<BatchRequestException>(() => service.SubmitAsync(collector, "owner", "t", CancellationToken.None));
        Assert.Equal(BatchProblem.TooLarge, problem.Problem);
    }

    [Fact]
    public async Task An_unknown_batch_id_is_reported_as_unknown()
    {
        var service = Service(new MemoryBatchStore(_time, TimeSpan.FromDays(7)));
        var problem = await Assert.ThrowsAsync<BatchRequestException>(() => service.GetAsync("nope", "owner", CancellationToken.None));
        Assert.Equal(BatchProblem.UnknownBatch, problem.Problem);
    }

    [Fact]
    public async Task Files_outside_the_input_directory_are_refused()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var options = new ClusterOptions { BatchInputDirectory = directory };
        var service = new BatchService(new MemoryBatchStore(_time, TimeSpan.FromDays(7)), new BatchWakeUp(), Microsoft.Extensions.Options.Options.Create(options), _time);
        var problem = await Assert.ThrowsAsync<BatchRequestException>(() => service.AddFileAsync(service.NewCollector(), "../../etc/passwd", CancellationToken.None));
        Assert.Equal(BatchProblem.InvalidRequest, problem.Problem);
        Assert.Contains("outside", problem.Message);
    }

    [Fact]
    public async Task A_file_in_the_input_directory_is_read_like_a_batch_file()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "zone.txt"), "\uFEFFa.nl\n# comment\nbad..name\nA.NL\nb.nl\n");
        var options = new ClusterOptions { BatchInputDirectory = directory };
        var service = new BatchService(new MemoryBatchStore(_time, TimeSpan.FromDays(7)), new BatchWakeUp(), Microsoft.Extensions.Options.Options.Create(options), _time);
        var collector = service.NewCollector();
        await service.AddFileAsync(collector, "zone.txt", CancellationToken.None);
        var submission = await service.SubmitAsync(collector, "owner", "zone", CancellationToken.None);
        Assert.Equal(2, submission.Batch.Total);
        Assert.Equal((1L, 1L), (submission.Duplicates, submission.RejectedCount));
        Assert.Equal(3L, submission.Rejected.Single().Position);
    }

    [Fact]
    public async Task Following_a_finished_batch_yields_its_log_after_the_cursor_and_ends()
    {
        var store = new MemoryBatchStore(_time, TimeSpan.FromDays(7));
        var service = Service(store);
        var collector = service.NewCollector();
        foreach (var name in new[] { "a.nl", "b.nl", "c.nl" })
            collector.Add(name);
        var batch = (await service.SubmitAsync(collector, "owner", "t", CancellationToken.None)).Batch;
        foreach (var entry in await store.ClaimAsync(batch.Id, "c1", 3, _time.GetUtcNow().AddMinutes(1), CancellationToken.None))
            await store.CompleteAsync(batch.Id, entry, [], false, CancellationToken.None);

        var cursors = new List<long>();
        await foreach (var result in service.FollowAsync(batch.Id, "owner", 1, CancellationToken.None))
            cursors.Add(result.Cursor);
        Assert.Equal([2L, 3L], cursors);
    }

    [Fact]
    public async Task A_batch_of_another_owner_is_answered_as_an_unknown_batch_and_stays_running()
    {
        var service = Service(new MemoryBatchStore(_time, TimeSpan.FromDays(7)));
        var collector = service.NewCollector();
        collector.Add("a.nl");
        var batch = (await service.SubmitAsync(collector, "alice", "t", CancellationToken.None)).Batch;

        var unknown = await Assert.ThrowsAsync<BatchRequestException>(() => service.GetAsync("0" + batch.Id[1..], "bob", CancellationToken.None));
        var get = await Assert.ThrowsAsync<BatchRequestException>(() => service.GetAsync(batch.Id, "bob", CancellationToken.None));
        var cancel = await Assert.ThrowsAsync<BatchRequestException>(() => service.CancelAsync(batch.Id, "bob", CancellationToken.None));
        var follow = await Assert.ThrowsAsync<BatchRequestException>(async () =>
        {
            await foreach (var _ in service.FollowAsync(batch.Id, "bob", 0, CancellationToken.None))
            {
            }
        });

        Assert.All([get, cancel, follow], p => Assert.Equal(BatchProblem.UnknownBatch, p.Problem));
        Assert.All([get, cancel, follow], p => Assert.Equal(unknown.Message.Replace("0" + batch.Id[1..], batch.Id, StringComparison.Ordinal), p.Message));
        Assert.Equal(BatchPhase.Running, (await service.GetAsync(batch.Id, "alice", CancellationToken.None)).Batch.Phase);
    }

    [Fact]
    public async Task A_server_side_file_reached_through_a_symbolic_link_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("mailscan-input-").FullName;
        var outside = Directory.CreateTempSubdirectory("mailscan-outside-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "a.nl\n");
            File.CreateSymbolicLink(Path.Combine(directory, "zone.txt"), Path.Combine(outside, "secret.txt"));
            Directory.CreateSymbolicLink(Path.Combine(directory, "sub"), outside);
            var options = new ClusterOptions { BatchInputDirectory = directory };
            var service = new BatchService(new MemoryBatchStore(_time, TimeSpan.FromDays(7)), new BatchWakeUp(), Microsoft.Extensions.Options.Options.Create(options), _time);

            var file = await Assert.ThrowsAsync<BatchRequestException>(() => service.AddFileAsync(service.NewCollector(), "zone.txt", CancellationToken.None));
            var folder = await Assert.ThrowsAsync<BatchRequestException>(() => service.AddFileAsync(service.NewCollector(), "sub/secret.txt", CancellationToken.None));

            Assert.All([file, folder], p => Assert.Contains("symbolic link", p.Message));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task Rejected_lines_of_a_server_side_file_are_named_by_number_without_their_text()
    {
        var directory = Directory.CreateTempSubdirectory("mailscan-input-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "zone.txt"), "a.nl\nroot:x:0:0:secret\nb.nl\n");
            var options = new ClusterOptions { BatchInputDirectory = directory };
            var service = new BatchService(new MemoryBatchStore(_time, TimeSpan.FromDays(7)), new BatchWakeUp(), Microsoft.Extensions.Options.Options.Create(options), _time);
            var collector = service.NewCollector();

            await service.AddFileAsync(collector, "zone.txt", CancellationToken.None);
            collector.Add("bad..streamed");

            Assert.Equal(2, collector.Names.Count);
            var fromFile = Assert.Single(collector.Rejected, r => r.Position == 2);
            Assert.Equal(string.Empty, fromFile.Input);
            Assert.DoesNotContain("root", fromFile.Reason);
            // Names the caller streamed itself are still quoted back.
            Assert.Contains(collector.Rejected, r => r.Input == "bad..streamed");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_fifo_in_the_input_directory_is_refused_without_being_opened()
    {
        var directory = Directory.CreateTempSubdirectory("mailscan-input-").FullName;
        try
        {
            var fifo = Path.Combine(directory, "names.txt");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
                await mkfifo.WaitForExitAsync();
            var options = new ClusterOptions { BatchInputDirectory = directory };
            var service = new BatchService(new MemoryBatchStore(_time, TimeSpan.FromDays(7)), new BatchWakeUp(), Microsoft.Extensions.Options.Options.Create(options), _time);

            // Opening a FIFO blocks until a writer comes; the refusal must come first.
            var refused = await Assert.ThrowsAsync<BatchRequestException>(() => service.AddFileAsync(service.NewCollector(), "names.txt", CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1)));

            Assert.Contains("not a regular file", refused.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_overlong_batch_id_is_unknown_and_not_echoed()
    {
        var service = Service(new MemoryBatchStore(_time, TimeSpan.FromDays(7)));
        var id = new string('f', 100_000);
        var problem = await Assert.ThrowsAsync<BatchRequestException>(() => service.GetAsync(id, "owner", CancellationToken.None));
        Assert.Equal(BatchProblem.UnknownBatch, problem.Problem);
        Assert.DoesNotContain("ffff", problem.Message);
    }

    [Fact]
    public void Progress_says_the_rate_and_the_time_left()
    {
        var batch = new BatchRecord("id", "owner", "t", BatchPhase.Running, 100, 25, 0, 5, _time.GetUtcNow().AddSeconds(-50), null);
        var progress = BatchProgress.Of(batch, _time.GetUtcNow());
        Assert.Equal(0.5, progress.DomainsPerSecond, 3);
        Assert.Equal(TimeSpan.FromSeconds(150), progress.Remaining);
    }
}
