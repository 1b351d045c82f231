namespace MailScan.Rpki;

/// <summary>Why a covered route is invalid, as Routinator's validity API names it.</summary>
public enum InvalidityReason
{
    /// <summary>No covering VRP names the route's origin AS (or the origin is an AS_SET).</summary>
    As,
    /// <summary>A covering VRP names the origin AS but the route is longer than its maxLength.</summary>
    Length,
}
