using System.Net.Sockets;
using System.Text;

namespace MailScan.LabServers;

/// <summary>What the STARTTLS behaviours send where a TLS server would send its first flight.</summary>
internal static class TlsFlights
{
    private const int RecordPayload = 16384;

    /// <summary>Plain text: the server "forgot" to start TLS.</summary>
    public static async Task PlainTextAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("this is not TLS\r\n"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handshake records of the right size whose payload is random, without end.</summary>
    public static async Task GarbageRecordsAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var record = new byte[5 + RecordPayload];
        while (true)
        {
            Random.Shared.NextBytes(record);
            WriteHeader(record);
            await stream.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A ServerHello (TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, secure renegotiation), then handshake
    /// records that each hold 4096 HelloRequest messages (type 0, length 0), without end. A client
    /// in the middle of a handshake skips a HelloRequest, so the handshake neither ends nor fails.
    /// </summary>
    public static async Task ServerHelloThenHelloRequestsAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        // After the ClientHello: sent at once, the ServerHello would reach the client together with
        // the 220 and be read as part of the SMTP reply.
        await stream.ReadExactlyAsync(new byte[5], cancellationToken).ConfigureAwait(false);
        var body = new List<byte> { 3, 3 };
        body.AddRange(RandomBytes(32));
        body.Add(32);
        body.AddRange(RandomBytes(32));
        body.AddRange(new byte[] { 0xC0, 0x2F, 0 }); // the suite, no compression
        body.AddRange(new byte[] { 0, 5, 0xFF, 0x01, 0, 1, 0 }); // extensions: renegotiation_info, empty
        byte[] hello = [2, 0, (byte)(body.Count >> 8), (byte)body.Count, .. body];
        byte[] record = [22, 3, 3, (byte)(hello.Length >> 8), (byte)hello.Length, .. hello];
        await stream.WriteAsync(record, cancellationToken).ConfigureAwait(false);
        var requests = new byte[5 + RecordPayload];
        WriteHeader(requests);
        while (true)
            await stream.WriteAsync(requests, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// A ServerHello that says it is 16 MiB long (a handshake message has at most 2^24 - 1 octets,
    /// no ServerHello is more than a few hundred), then records that keep "delivering" it.
    /// </summary>
    public static async Task ImpossibleServerHelloAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var first = new byte[5 + RecordPayload];
        WriteHeader(first);
        first[5] = 2; // ServerHello
        first[6] = first[7] = first[8] = 0xFF;
        first[9] = 3;
        first[10] = 3; // legacy_version 1.2, then zeros
        await stream.WriteAsync(first, cancellationToken).ConfigureAwait(false);
        var more = new byte[5 + RecordPayload];
        WriteHeader(more);
        for (var sent = RecordPayload; sent < 0xFFFFFF; sent += RecordPayload)
            await stream.WriteAsync(more, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteHeader(byte[] record)
    {
        record[0] = 22; // handshake
        record[1] = 3;
        record[2] = 3;
        record[3] = RecordPayload >> 8;
        record[4] = RecordPayload & 0xFF;
    }
}
