using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailScan.Tls;

/// <summary>
/// The one reader of trusted roots from a PEM file (one or more CERTIFICATE blocks): the scanner's
/// extra roots (Tls:ExtraRootFile) and the cluster's private CAs alike. Every failure is one line
/// that names the file and says what is wrong with it.
/// </summary>
public static class TrustRootFile
{
    /// <summary>The certificates of <paramref name="pemFile"/>; an <see cref="InvalidDataException"/> says why there are none.</summary>
    public static X509Certificate2Collection Load(string pemFile) =>
        TryLoad(pemFile, out var roots, out var error) ? roots : throw new InvalidDataException(error);

    /// <summary>Why <paramref name="pemFile"/> gives no trusted root, or null when it gives at least one.</summary>
    public static string? Problem(string pemFile) => TryLoad(pemFile, out _, out var error) ? null : error;

    /// <summary>Reads the certificates of <paramref name="pemFile"/>, or says why it cannot.</summary>
    public static bool TryLoad(string pemFile, out X509Certificate2Collection roots, [NotNullWhen(false)] out string? error)
    {
        roots = [];
        try
        {
            roots.ImportFromPemFile(pemFile);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error = $"file '{pemFile}' does not exist";
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"file '{pemFile}' cannot be read ({ex.Message})";
            return false;
        }
        catch (CryptographicException ex)
        {
            error = $"'{pemFile}' holds a CERTIFICATE block that is not a certificate ({ex.Message})";
            return false;
        }
        error = roots.Count == 0 ? $"'{pemFile}' holds no PEM certificate" : null;
        return error is null;
    }
}
