using System.Globalization;
using System.Text;

namespace ExportReadiness.Core.Tests.Validation;

/// <summary>
/// Writes synthetic firms in the layout of a World Bank Enterprise Surveys country file exported to CSV: columns
/// named by the survey's variables, values as numeric codes (1 = yes, 2 = no, -9 = don't know, -7 = does not apply).
/// Each firm has a hidden strength; direct exports (d3c) and the readiness answers both follow it, so a scorer that
/// reads the answers should rank exporters above the rest. No real survey data is involved.
/// </summary>
public sealed class WbesFileBuilder
{
    public static readonly string[] Columns =
        ["idstd", "a4a", "b5", "b7", "l1", "b2b", "b8", "c22b", "d13", "e6", "f1", "h1", "h8", "k8", "l10", "d3a", "d3b", "d3c", "d8", "e1"];

    private static readonly int[] SectorCodes = [15, 17, 20, 24, 29, 36, 55, 72, 52];

    private readonly List<Dictionary<string, double?>> _firms = [];

    /// <summary><paramref name="count"/> firms from a seeded generator; about one in forty has d3c = -9 (no label).</summary>
    public WbesFileBuilder AddFirms(int count, int seed = 7)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var strength = random.NextDouble();
            bool Chance(double p) => random.NextDouble() < p;
            double YesNo(double p, double dontKnow = 0.05) => Chance(dontKnow) ? -9 : Chance(p) ? 1 : 2;
            var sector = SectorCodes[random.Next(SectorCodes.Length)];
            var services = sector is 52 or 55 or 72;
            var exporter = Chance(1 / (1 + Math.Exp(-8 * (strength - 0.6))));
            var direct = exporter ? random.Next(10, 90) : Chance(0.3) ? random.Next(1, 10) : 0;
            var indirect = Chance(0.2) ? random.Next(0, 100 - direct) : 0;
            _firms.Add(new Dictionary<string, double?>
            {
                ["idstd"] = 100_000 + _firms.Count,
                ["a4a"] = sector,
                ["b5"] = Chance(0.03) ? -9 : 1950 + random.Next(0, 70),
                ["b7"] = random.Next(1, 40),
                ["l1"] = Chance(0.03) ? -9 : Math.Round(5 + 200 * strength * random.NextDouble()),
                ["b2b"] = Chance(0.1) ? random.Next(10, 100) : 0,
                ["b8"] = Chance(0.03) ? -6 : YesNo(0.05 + 0.9 * strength),
                ["c22b"] = YesNo(0.1 + 0.85 * strength),
                ["d13"] = services ? -7 : YesNo(0.1 + 0.8 * strength),
                ["e6"] = services ? -7 : YesNo(0.1 + 0.2 * strength),
                ["f1"] = services ? -7 : Chance(0.05) ? -9 : random.Next(30, 101),
                ["h1"] = YesNo(0.2 + 0.5 * strength),
                ["h8"] = YesNo(0.1 + 0.4 * strength),
                ["k8"] = YesNo(0.2 + 0.6 * strength),
                ["l10"] = YesNo(0.1 + 0.7 * strength),
                ["d3a"] = 100 - direct - indirect,
                ["d3b"] = indirect,
                ["d3c"] = Chance(0.025) ? -9 : direct,
                ["d8"] = direct + indirect > 0 ? 1990 + random.Next(0, 30) : -7,
                ["e1"] = direct >= 50 ? 3 : Chance(0.5) ? 1 : 2,
            });
        }
        return this;
    }

    /// <summary>One firm with every variable given (null = blank cell); unnamed variables are blank.</summary>
    public WbesFileBuilder AddFirm(Dictionary<string, double?> variables)
    {
        _firms.Add(new Dictionary<string, double?>(variables));
        return this;
    }

    public WbesFileBuilder Change(int firm, string variable, double? value)
    {
        _firms[firm][variable] = value;
        return this;
    }

    /// <summary>As pandas writes <c>read_stata(..., convert_categoricals=False).to_csv(index=False)</c>: floats as 1.0, blanks for NaN.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var firm in _firms)
            csv.Append(string.Join(',', Columns.Select(c => firm.GetValueOrDefault(c) is { } v ? v.ToString("0.0##", CultureInfo.InvariantCulture) : ""))).Append('\n');
        return csv.ToString();
    }
}
