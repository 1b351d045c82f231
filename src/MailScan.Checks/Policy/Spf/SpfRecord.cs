namespace MailScan.Checks.Policy.Spf;

/// <summary>A parsed SPF record (RFC 7208 §4.6): the directives in order and the modifiers.</summary>
public sealed record SpfRecord(
    string Text,
    IReadOnlyList<SpfMechanism> Mechanisms,
    SpfModifier? Redirect,
    SpfModifier? Explanation,
    IReadOnlyList<SpfModifier> UnknownModifiers)
{
    /// <summary>The first "all" directive, after which nothing else is ever evaluated.</summary>
    public SpfMechanism? All => Mechanisms.FirstOrDefault(m => m.Kind == SpfMechanismKind.All);

    /// <summary>The directives that are evaluated at most: those up to and including the first "all".</summary>
    public IEnumerable<SpfMechanism> Reachable
    {
        get
        {
            foreach (var mechanism in Mechanisms)
            {
                yield return mechanism;
                if (mechanism.Kind == SpfMechanismKind.All)
                    yield break;
            }
        }
    }
}
