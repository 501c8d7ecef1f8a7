using System.Globalization;
using System.Net;
using System.Text;

namespace Scheduler.LoadTests.Reporting;

/// <summary>Draws the report's charts as inline SVG (no scripts, nothing fetched).</summary>
public static class SvgChart
{
    public static readonly string[] Palette =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    private const int Left = 64;
    private const int Right = 170;
    private const int Top = 30;
    private const int Bottom = 40;

    public static string Line(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, int width = 900, int height = 260)
    {
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var xMax = points.Count == 0 ? 1 : Math.Max(1, points.Max(p => p.X));
        var xMin = points.Count == 0 ? 0 : Math.Min(0, points.Min(p => p.X));
        var yMax = NiceCeiling(points.Count == 0 ? 1 : points.Max(p => p.Y));
        var plotWidth = width - Left - Right;
        var plotHeight = height - Top - Bottom;
        double X(double x) => Left + ((x - xMin) / (xMax - xMin) * plotWidth);
        double Y(double y) => Top + plotHeight - (y / yMax * plotHeight);

        var svg = Open(width, height, title);
        Axes(svg, width, height, xLabel, yLabel);
        for (var i = 0; i <= 4; i++)
        {
            var yValue = yMax * i / 4;
            var y = Y(yValue);
            svg.Append(F($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Left + plotWidth}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>"));
            svg.Append(F($"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\">{Number(yValue)}</text>"));
            var xValue = xMin + ((xMax - xMin) * i / 4);
            svg.Append(F($"<text x=\"{X(xValue):0.#}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\" font-size=\"11\">{Number(xValue)}</text>"));
        }

        var legendY = Top + 4;
        foreach (var s in series)
        {
            var path = string.Join(" ", s.Points.Where(p => double.IsFinite(p.Y)).Select(p => F($"{X(p.X):0.#},{Y(p.Y):0.#}")));
            if (path.Length > 0)
            {
                var dash = s.Dashed ? " stroke-dasharray=\"5,3\"" : "";
                svg.Append(F($"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.5\"{dash} points=\"{path}\"><title>{Esc(s.Name)}</title></polyline>"));
            }

            svg.Append(F($"<rect x=\"{width - Right + 12}\" y=\"{legendY - 9}\" width=\"12\" height=\"3\" fill=\"{s.Color}\"/>"));
            svg.Append(F($"<text x=\"{width - Right + 30}\" y=\"{legendY - 4}\" font-size=\"11\">{Esc(s.Name)}</text>"));
            legendY += 16;
        }

        return Close(svg);
    }

    /// <summary>Horizontal bars, one per label, with an optional note after each bar.</summary>
    public static string Bars(string title, string unit, IReadOnlyList<(string Label, double Value, string? Note)> bars, int width = 900)
    {
        const int barHeight = 18;
        const int labelWidth = 170;
        var height = Top + Bottom + (Math.Max(1, bars.Count) * (barHeight + 4));
        var max = NiceCeiling(bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var plotWidth = width - labelWidth - 160;
        var svg = Open(width, height, title);
        var y = Top;
        foreach (var (label, value, note) in bars)
        {
            var w = Math.Max(1, value / max * plotWidth);
            svg.Append(F($"<text x=\"{labelWidth - 6}\" y=\"{y + 13}\" text-anchor=\"end\" font-size=\"11\">{Esc(label)}</text>"));
            svg.Append(F($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{barHeight}\" fill=\"{Palette[0]}\"><title>{Esc(label)}: {Number(value)} {Esc(unit)}</title></rect>"));
            svg.Append(F($"<text x=\"{labelWidth + w + 6:0.#}\" y=\"{y + 13}\" font-size=\"11\">{Number(value)} {Esc(unit)}{(note is null ? "" : " · " + Esc(note))}</text>"));
            y += barHeight + 4;
        }

        svg.Append(F($"<text x=\"{labelWidth}\" y=\"{height - 12}\" font-size=\"11\" fill=\"#555\">scale 0 – {Number(max)} {Esc(unit)}</text>"));
        return Close(svg);
    }

    /// <summary>One bar split into coloured shares of a whole, with a legend.</summary>
    public static string Shares(string title, IReadOnlyList<(string Label, double Value, string Color)> parts, int width = 900)
    {
        var total = parts.Sum(p => p.Value);
        var height = Top + 40 + (parts.Count * 16) + 10;
        var plotWidth = width - Left - 40;
        var svg = Open(width, height, title);
        var x = (double)Left;
        foreach (var (label, value, color) in parts)
        {
            var w = total <= 0 ? 0 : value / total * plotWidth;
            if (w > 0)
            {
                svg.Append(F($"<rect x=\"{x:0.#}\" y=\"{Top}\" width=\"{w:0.#}\" height=\"24\" fill=\"{color}\"><title>{Esc(label)}: {value:0} ({Percent(value, total)})</title></rect>"));
            }

            x += w;
        }

        var legendY = Top + 44;
        foreach (var (label, value, color) in parts)
        {
            svg.Append(F($"<rect x=\"{Left}\" y=\"{legendY - 10}\" width=\"12\" height=\"12\" fill=\"{color}\"/>"));
            svg.Append(F($"<text x=\"{Left + 18}\" y=\"{legendY}\" font-size=\"12\">{Esc(label)}: {value:0} ({Percent(value, total)})</text>"));
            legendY += 16;
        }

        return Close(svg);
    }

    /// <summary>A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten.</summary>
    public static double NiceCeiling(double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static StringBuilder Open(int width, int height, string title)
    {
        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" role=\"img\">"));
        svg.Append(F($"<title>{Esc(title)}</title>"));
        svg.Append(F($"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{Esc(title)}</text>"));
        return svg;
    }

    private static void Axes(StringBuilder svg, int width, int height, string xLabel, string yLabel)
    {
        var bottom = height - Bottom;
        svg.Append(F($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{bottom}\" stroke=\"#333\"/>"));
        svg.Append(F($"<line x1=\"{Left}\" y1=\"{bottom}\" x2=\"{width - Right}\" y2=\"{bottom}\" stroke=\"#333\"/>"));
        svg.Append(F($"<text x=\"{(Left + width - Right) / 2}\" y=\"{height - 6}\" text-anchor=\"middle\" font-size=\"11\">{Esc(xLabel)}</text>"));
        svg.Append(F($"<text transform=\"translate(14,{(Top + bottom) / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"11\">{Esc(yLabel)}</text>"));
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 || value == Math.Round(value) ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Percent(double value, double total) =>
        total <= 0 ? "0%" : (value / total).ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
