namespace MailScan.Tls.Tests;

/// <summary>Hand-built TLS server messages, for what OpenSSL 3 can no longer produce (SSL 3.0, RC4, EXPORT, compression).</summary>
internal static class TlsBytes
{
    /// <summary>The RFC 7919 ffdhe2048 prime (generator 2).</summary>
    public const string Ffdhe2048 = "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1D8B9C583CE2D3695A9E13641146433FBCC939DCE249B3EF97D2FE363630C75D8F681B202AEC4617AD3DF1ED5D5FD65612433F51F5F066ED0856365553DED1AF3B557135E7F57C935984F0C70E0E68B77E2A689DAF3EFE8721DF158A136ADE73530ACCA4F483A797ABC0AB182B324FB61D108A94BB2C8E3FBB96ADAB760D7F4681D4F42A3DE394DF4AE56EDE76372BB190B07A7C8EE0A6D709E02FCE1CDF7E2ECC03404CD28342F619172FE9CE98583FF8E4F1232EEF28183C3FE3B1B4C6FAD733BB5FCBC2EC22005C58EF1837D1683B2C6F34A26C1B2EFFA886B423861285C97FFFFFFFFFFFFFFFF";

    public static byte[] Record(byte type, ushort version, byte[] payload) =>
        [type, (byte)(version >> 8), (byte)version, (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];

    public static byte[] Handshake(byte type, byte[] body) =>
        [type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];

    public static byte[] Extension(ushort type, byte[] data) =>
        [(byte)(type >> 8), (byte)type, (byte)(data.Length >> 8), (byte)data.Length, .. data];

    public static byte[] ServerHello(ushort version, ushort suite, byte compression = 0, byte[]? random = null, params byte[][] extensions)
    {
        byte[] body = [(byte)(version >> 8), (byte)version, .. random ?? new byte[32], 0, (byte)(suite >> 8), (byte)suite, compression];
        if (extensions.Length == 0)
            return Handshake(2, body);
        var all = extensions.SelectMany(e => e).ToArray();
        return Handshake(2, [.. body, (byte)(all.Length >> 8), (byte)all.Length, .. all]);
    }

    public static byte[] Certificate(params byte[][] certificates)
    {
        var entries = certificates.SelectMany(c => new byte[] { (byte)(c.Length >> 16), (byte)(c.Length >> 8), (byte)c.Length }.Concat(c)).ToArray();
        return Handshake(11, [(byte)(entries.Length >> 16), (byte)(entries.Length >> 8), (byte)entries.Length, .. entries]);
    }

    public static byte[] EcdheKeyExchange(ushort group, ushort? scheme)
    {
        byte[] body = [3, (byte)(group >> 8), (byte)group, 65, .. new byte[65]];
        return Handshake(12, scheme is { } s ? [.. body, (byte)(s >> 8), (byte)s, 0, 4, 1, 2, 3, 4] : body);
    }

    public static byte[] DheKeyExchange(byte[] prime, byte generator, ushort? scheme)
    {
        byte[] body = [(byte)(prime.Length >> 8), (byte)prime.Length, .. prime, 0, 1, generator, 0, 2, 5, 6];
        return Handshake(12, scheme is { } s ? [.. body, (byte)(s >> 8), (byte)s, 0, 2, 1, 2] : body);
    }

    public static byte[] HelloDone() => Handshake(14, []);

    public static byte[] Alert(byte description) => Record(21, 0x0303, [2, description]);

    public static byte[] HelloRetryRandom { get; } = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
}
