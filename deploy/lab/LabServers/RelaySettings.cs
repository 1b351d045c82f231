using System.Globalization;
using System.Net;

namespace MailScan.LabServers;

/// <summary>What a relay does to the server's side of a TCP connection, beyond the round trip: the tail of slow mail servers a TLD has.</summary>
public enum RelayTail
{
    None,
    /// <summary>The server's first bytes (the greeting) come <see cref="RelaySettings.SlowSeconds"/> late.</summary>
    Slow,
    /// <summary>The server's bytes come one at a time, half a second apart.</summary>
    Tarpit,
    /// <summary>The relay answers 421 itself and hangs up; the server is never reached.</summary>
    Reject421,
    /// <summary>
    /// Greylisting: a client's connections get a 421 from the relay for <see cref="RelaySettings.SlowSeconds"/>
    /// after its first one, then reach the server; a client idle for three times that is forgotten (and greylisted again).
    /// </summary>
    Greylist,
}

/// <summary>
/// One relay of <see cref="DelayRelay"/>, from an argument
/// <c>relay=FRONT:PORT&gt;BACK:PORT[,udp][,tcp][,slow=SECONDS|,greylist=SECONDS|,tarpit|,reject421]</c>:
/// where it listens, where it forwards, over which transports (TCP when none is named), and its tail
/// (<see cref="SlowSeconds"/> is the late greeting's delay or the greylisting time).
/// </summary>
public sealed record RelaySettings(IPEndPoint Front, IPEndPoint Back, bool Tcp, bool Udp, RelayTail Tail, double SlowSeconds)
{
    private const string Prefix = "relay=";

    /// <summary>Null when the argument is not a relay; else the settings or why they are wrong.</summary>
    public static (RelaySettings? Settings, string? Error)? TryParse(string argument)
    {
        if (!argument.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return null;
        var parts = argument[Prefix.Length..].Split(',');
        var ends = parts[0].Split('>');
        if (ends.Length != 2 || !IPEndPoint.TryParse(ends[0], out var front) || !IPEndPoint.TryParse(ends[1], out var back))
            return (null, $"'{parts[0]}' is not FRONT:PORT>BACK:PORT");
        bool tcp = false, udp = false;
        var tail = RelayTail.None;
        var slow = 0.0;
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2);
            switch (pair[0].ToLowerInvariant())
            {
                case "tcp": tcp = true; break;
                case "udp": udp = true; break;
                case "tarpit": tail = RelayTail.Tarpit; break;
                case "reject421": tail = RelayTail.Reject421; break;
                case "slow" when pair.Length == 2 && double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out slow) && slow >= 0:
                    tail = RelayTail.Slow;
                    break;
                case "greylist" when pair.Length == 2 && double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out slow) && slow > 0:
                    tail = RelayTail.Greylist;
                    break;
                default:
                    return (null, $"'{part}' is not udp, tcp, slow=SECONDS, greylist=SECONDS, tarpit or reject421");
            }
        }
        return (new RelaySettings(front, back, tcp || !udp, udp, tail, slow), null);
    }
}
