using System.Text;
using MailKit;

namespace MailScan.Checks.Smtp;

/// <summary>
/// Records what a server said during a session, capped in size (<see cref="SmtpReplyReader"/>
/// splits it into replies), and reads the extensions of an EHLO reply. Plugged into MailKit as its
/// protocol logger.
/// </summary>
public sealed class SmtpTranscript : IProtocolLogger
{
    /// <summary>Enough for a greeting and an EHLO reply; a server that says more is cut off here.</summary>
    public const int MaxServerBytes = 64 * 1024;

    private readonly StringBuilder _server = new();
    private int _clientCommands;

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>The number of commands the client sent.</summary>
    public int ClientCommands => _clientCommands;

    /// <summary>All server bytes received so far (Latin-1), at most <see cref="MaxServerBytes"/>.</summary>
    public string ServerText
    {
        get
        {
            lock (_server)
                return _server.ToString();
        }
    }

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        for (var i = offset; i < offset + count; i++)
        {
            if (buffer[i] == (byte)'\n')
                Interlocked.Increment(ref _clientCommands);
        }
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        lock (_server)
        {
            var room = MaxServerBytes - _server.Length;
            if (room > 0)
                _server.Append(Encoding.Latin1.GetString(buffer, offset, Math.Min(room, count)));
        }
    }

    public void Dispose()
    {
    }

    /// <summary>The EHLO keywords of a reply (every line after the first), upper case.</summary>
    public static IReadOnlyList<string> Extensions(SmtpReply ehlo) =>
        ehlo.Lines.Skip(1).Select(l => l.Trim().ToUpperInvariant()).Where(l => l.Length > 0).Take(64).ToList();

    /// <summary>Whether EHLO keywords (as <see cref="Extensions"/> gives them) offer STARTTLS, with or without parameters.</summary>
    public static bool OffersStartTls(IEnumerable<string> extensions) =>
        extensions.Any(e => e == "STARTTLS" || e.StartsWith("STARTTLS ", StringComparison.Ordinal));
}
