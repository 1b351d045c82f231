using System.Text.Json;
using Google.Protobuf.WellKnownTypes;

namespace MailScan.Coordinator.Reports;

/// <summary>
/// JSON evidence as a protobuf <see cref="Struct"/>, walked from the parsed element: the same
/// Struct as protobuf's JSON parser makes of the element's text (numbers as doubles, every other
/// value as itself), without writing the text and tokenising it again for every probe of every report.
/// </summary>
public static class JsonStruct
{
    /// <summary>The Struct of a JSON object.</summary>
    public static Struct From(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw new ArgumentException($"a Struct is made of a JSON object, not {json.ValueKind}", nameof(json));
        var result = new Struct();
        foreach (var property in json.EnumerateObject())
            result.Fields[property.Name] = ToValue(property.Value);
        return result;
    }

    private static Value ToValue(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => Value.ForStruct(From(json)),
        JsonValueKind.Array => Value.ForList([.. json.EnumerateArray().Select(ToValue)]),
        JsonValueKind.String => Value.ForString(json.GetString()!),
        JsonValueKind.Number => Value.ForNumber(json.GetDouble()),
        JsonValueKind.True => Value.ForBool(true),
        JsonValueKind.False => Value.ForBool(false),
        _ => Value.ForNull(),
    };
}
