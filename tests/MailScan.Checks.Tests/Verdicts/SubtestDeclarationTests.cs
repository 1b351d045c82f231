using System.Reflection;
using MailScan.Checks.Auth;
using MailScan.Checks.Dnssec;
using MailScan.Checks.StartTls;
using MailScan.Checks.Verdicts;

namespace MailScan.Checks.Tests.Verdicts;

/// <summary>Every sub-test id a category defines is declared once, with its level, beside the id.</summary>
public sealed class SubtestDeclarationTests
{
    private static readonly Type[] IdClasses = typeof(SubtestLevels).Assembly.GetTypes()
        .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.Name.EndsWith("SubtestIds", StringComparison.Ordinal))
        .ToArray();

    [Fact]
    public void Every_category_folder_has_its_ids_class()
    {
        Assert.Equal(CategoryIds.All.Count, IdClasses.Length);
    }

    [Fact]
    public void Every_sub_test_id_has_a_level()
    {
        var ids = IdClasses
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            .Select(f => $"{f.DeclaringType!.Name}.{f.Name} = {f.GetRawConstantValue()}")
            .ToList();
        var declared = SubtestLevels.All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

        var undeclared = ids.Where(i => !declared.Contains(i[(i.IndexOf("= ", StringComparison.Ordinal) + 2)..])).ToList();

        Assert.True(undeclared.Count == 0, "sub-test ids without a declared level: " + string.Join(", ", undeclared));
        Assert.Equal(ids.Count, SubtestLevels.All.Count);
    }

    [Fact]
    public void Only_mandatory_sub_tests_score()
    {
        Assert.All(SubtestLevels.All.Where(d => d.Level != SubtestLevel.Mandatory), d => Assert.Equal(0, d.FullPoints));
    }

    [Fact]
    public void Our_own_ids_are_report_only_and_Internet_nl_ids_are_not()
    {
        Assert.All(SubtestLevels.All, d => Assert.Equal(d.Id.StartsWith("mailscan_", StringComparison.Ordinal), d.Level == SubtestLevel.ReportOnly));
    }

    [Fact]
    public void The_levels_read_from_the_declarations()
    {
        Assert.Equal(SubtestLevel.Notice, SubtestLevels.Of(AuthSubtestIds.DmarcExtDestination));
        Assert.Equal(SubtestLevel.Info, SubtestLevels.Of(StartTlsSubtestIds.DaneRollover));
        Assert.Equal(0, SubtestLevels.FullPoints(DnssecSubtestIds.MxValid));
        Assert.Equal(Scoring.Full, SubtestLevels.FullPoints(DnssecSubtestIds.MailtoValid));
    }
}
