using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using MailScan.Coordinator.Reports;

namespace MailScan.Coordinator.Tests.Reports;

public sealed class JsonStructTests
{
    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"a":1,"b":-0.5,"c":1e-7,"d":12345678901234567890,"e":-0,"f":3.141592653589793238,"g":2.5E+300}""")]
    [InlineData("""{"s":"tab\t quote\" slash\\ \u00e9 \ud83d\ude00 <&>","empty":"","nul":null,"t":true,"f":false}""")]
    [InlineData("""{"list":[1,"two",null,false,{"x":[[],[{}]]}],"nested":{"deeper":{"deepest":{"n":0.1}}}}""")]
    public void Gives_the_struct_protobufs_json_parser_gives(string json)
    {
        using var document = JsonDocument.Parse(json);

        var walked = JsonStruct.From(document.RootElement);

        Assert.Equal(Struct.Parser.ParseJson(json), walked);
    }

    [Fact]
    public void Refuses_a_value_that_is_not_an_object()
    {
        using var document = JsonDocument.Parse("[1]");

        Assert.Throws<ArgumentException>(() => JsonStruct.From(document.RootElement));
    }
}
