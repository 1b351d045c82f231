namespace MailScan.Parsing;

/// <summary>The range checks every project's settings share, so a bad value reads the same whichever section holds it.</summary>
public static class SettingRange
{
    /// <summary>The error of a duration that is not above zero or is over <paramref name="max"/>, named by its configuration <paramref name="key"/>.</summary>
    public static IEnumerable<string> Positive(string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
            yield return $"{key}: {value} is out of range (more than 0, at most {max})";
    }
}
