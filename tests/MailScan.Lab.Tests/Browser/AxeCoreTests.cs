using MailScan.Lab.Tests.Support.Browser;

namespace MailScan.Lab.Tests.Browser;

/// <summary>The accessibility check the page tests rely on does see what it should: a page with the faults it must catch fails it.</summary>
public sealed class AxeCoreTests
{
    [Fact]
    public async Task A_field_without_a_label_and_grey_on_white_text_are_violations()
    {
        var page = Path.Combine(Path.GetTempPath(), $"mailscan-axe-{Guid.NewGuid():N}.html");
        try
        {
            await File.WriteAllTextAsync(page, "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><main><h1>t</h1><p style=\"color:#c8c8c8\">faint</p><form><input name=\"domain\"></form></main></body></html>");
            await using var browser = await HeadlessChromium.StartAsync();
            await browser.OpenAsync(new Uri(page).AbsoluteUri);

            var violations = await AxeCore.ViolationsAsync(browser);

            Assert.Contains(violations, v => v.StartsWith("label:", StringComparison.Ordinal));
            Assert.Contains(violations, v => v.StartsWith("color-contrast:", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(page);
        }
    }
}
