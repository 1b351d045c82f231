using System.Reflection;
using MailScan.Benchmarks;

// dotnet run --project tests/MailScan.Benchmarks -c Release -- NAME [args]
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: MailScan.Benchmarks NAME [args]   (results go to docs/BENCHMARKS.md by hand)");
    foreach (var benchmark in benchmarks)
        Console.Error.WriteLine($"  {benchmark.Name,-12} {benchmark.Description}");
    return 2;
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await chosen.RunAsync(args.Skip(1).ToList(), stop.Token);
