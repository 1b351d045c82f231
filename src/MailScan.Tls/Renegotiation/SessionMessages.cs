namespace MailScan.Tls.Renegotiation;

/// <summary>The parts of the server's first flight the key schedule needs: its random and its ECDHE public point.</summary>
internal sealed record SessionMessages(byte[] ServerRandom, ushort Group, byte[] ServerPoint)
{
    /// <summary>Reads them from the handshake transcript after our ClientHello; null when they are not there.</summary>
    public static SessionMessages? Read(byte[] transcript, int start)
    {
        byte[]? random = null, point = null;
        ushort group = 0;
        for (var at = start; at + 4 <= transcript.Length;)
        {
            var type = transcript[at];
            var length = (transcript[at + 1] << 16) | (transcript[at + 2] << 8) | transcript[at + 3];
            var body = at + 4;
            if (body + length > transcript.Length)
                return null;
            if (type == 2 && length >= 34)
                random = transcript[(body + 2)..(body + 34)];
            else if (type == 12 && length >= 4 && transcript[body] == 3 && body + 4 + transcript[body + 3] <= transcript.Length)
            {
                group = (ushort)((transcript[body + 1] << 8) | transcript[body + 2]);
                point = transcript[(body + 4)..(body + 4 + transcript[body + 3])];
            }
            at = body + length;
        }
        return random is not null && point is { Length: > 1 } && point[0] == 4 ? new SessionMessages(random, group, point) : null;
    }
}
