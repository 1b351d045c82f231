using System.Text;

namespace MailScan.Coordinator.BatchApi;

/// <summary>
/// The API key in an <c>Authorization</c> header of the batch REST API. Internet.nl's clients send
/// HTTP Basic credentials (<c>user:password</c>): here the password is the API key and the user
/// name is not checked (the key alone names its owner). <c>Bearer KEY</c>, as gRPC takes it, works
/// too. Pure.
/// </summary>
public static class BatchApiCredentials
{
    /// <summary>The key presented, or null when the header is missing, malformed or empty.</summary>
    public static string? KeyOf(string? authorization)
    {
        var value = authorization?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return NonEmpty(value["Bearer ".Length..].Trim());
        if (!value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return null;
        var encoded = value["Basic ".Length..].Trim();
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
            return null;
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : NonEmpty(decoded[(colon + 1)..]);
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
