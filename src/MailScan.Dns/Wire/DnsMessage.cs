namespace MailScan.Dns.Wire;

/// <summary>A parsed DNS message: header, question, the three record sections and the EDNS data.</summary>
public sealed record DnsMessage(
    ushort Id,
    ushort Flags,
    int Rcode,
    IReadOnlyList<WireQuestion> Questions,
    IReadOnlyList<WireRecord> Answers,
    IReadOnlyList<WireRecord> Authorities,
    IReadOnlyList<WireRecord> Additionals)
{
    /// <summary>EDNS(0) is present in the message.</summary>
    public bool HasEdns { get; init; }

    /// <summary>Extended DNS Error codes (RFC 8914) the responder attached, with their texts.</summary>
    public IReadOnlyList<(int Code, string Text)> ExtendedErrors { get; init; } = [];

    public bool IsResponse => (Flags & 0x8000) != 0;
    public bool Authoritative => (Flags & 0x0400) != 0;
    public bool Truncated => (Flags & 0x0200) != 0;
    public bool RecursionDesired => (Flags & 0x0100) != 0;
    public bool RecursionAvailable => (Flags & 0x0080) != 0;
    public bool AuthenticData => (Flags & 0x0020) != 0;
    public bool CheckingDisabled => (Flags & 0x0010) != 0;
    public int Opcode => (Flags >> 11) & 0xF;

    /// <summary>The first question, or null.</summary>
    public WireQuestion? Question => Questions.Count > 0 ? Questions[0] : null;

    /// <summary>The smallest TTL of the answer and authority records (what a cache may keep the message for).</summary>
    public uint MinimumTtl()
    {
        var min = uint.MaxValue;
        foreach (var record in Answers.Concat(Authorities))
        {
            var ttl = record.Ttl;
            // RFC 2308 §5: a negative answer lives no longer than the SOA's MINIMUM field.
            if (record.Type == DnsRecordType.SOA && Answers.Count == 0 && record.Data.Length >= 4)
                ttl = Math.Min(ttl, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(record.Data.AsSpan(record.Data.Length - 4)));
            min = Math.Min(min, ttl);
        }
        return min == uint.MaxValue ? 0 : min;
    }
}
