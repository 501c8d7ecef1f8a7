using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.LoadTests.Reporting;

/// <summary>Writes <c>summary.json</c>, <c>report.html</c> and <c>report.md</c> into the report folder.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static IReadOnlyList<string> WriteAll(RunSummary summary, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new[]
        {
            (Path.Combine(directory, "summary.json"), JsonSerializer.Serialize(summary, Json)),
            (Path.Combine(directory, "report.html"), HtmlReportWriter.Render(summary)),
            (Path.Combine(directory, "report.md"), MarkdownReportWriter.Render(summary)),
        };
        foreach (var (path, content) in files)
        {
            File.WriteAllText(path, content);
        }

        return files.Select(f => f.Item1).ToList();
    }
}
