using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MgwTools.Core.Specs;

namespace MgwTools.Core.Tests;

/// <summary>
/// The per-row shortcuts of validation give what the general ways gave: names and tags checked by character as the regular
/// expressions they replace, a repeated text bound from the last row's value (each spec owning its own), whole-number
/// bandwidths multiplied out as the decimal path does.
/// </summary>
public class SpecFastPathTests
{
    private static readonly Regex s_lenientName = new("^[A-Za-z0-9_-]{3,63}$");
    private static readonly Regex s_strictName = new("^[a-z0-9][a-z0-9_-]{2,62}$");
    private static readonly Regex s_tagKey = new("^[A-Za-z0-9_-]+$");
    private static readonly Regex s_tagValue = new("^[A-Za-z0-9_,-]+$");

    // Texts around the rules' edges: every length from 0 to 66, each character class, and non-ASCII letters and digits.
    private static IEnumerable<string> Texts()
    {
        const string alphabet = "aZ09-_,.: é٣\u00A0";
        var random = new Random(15);
        for (int length = 0; length <= 66; length++)
        {
            for (int n = 0; n < 60; n++)
            {
                var chars = new char[length];
                for (int i = 0; i < length; i++) chars[i] = random.Next(4) == 0 ? alphabet[random.Next(alphabet.Length)] : "abcxyz019-_"[random.Next(11)];
                yield return new string(chars);
            }
        }
    }

    private static MgwSpecValidation Validate(string name, string source, string tags) => SpecValidator.Evaluate(new Dictionary<string, object?>
    {
        [JobFields.Name] = name,
        [JobFields.SourceAddress] = source,
        [JobFields.DestinationAddress] = "oss-dest",
        [JobFields.OverwriteMode] = "never",
        [JobFields.Tag] = new Dictionary<string, string> { [tags] = tags },
    });

    [Fact]
    public void NamesAndTagsAreCheckedAsTheRegularExpressionsDid()
    {
        int checkedTexts = 0;
        foreach (string text in Texts().Where(t => t.Trim() == t && t.Length > 0 && !t.Contains(',')))
        {
            MgwSpecValidation v = Validate(text, text, text);
            string[] codes = v.Errors.Concat(v.Warnings).Select(e => $"{e.Field}:{e.Code}").ToArray();
            bool lenient = s_lenientName.IsMatch(text), strict = s_strictName.IsMatch(text);
            Assert.Equal(!lenient, codes.Contains($"{JobFields.Name}:{MgwErrorCodes.InvalidJobName}"));
            Assert.Equal(lenient && !strict, codes.Contains($"{JobFields.Name}:{MgwErrorCodes.JobNameNotCanonical}"));
            Assert.Equal(!strict, codes.Contains($"{JobFields.SourceAddress}:{MgwErrorCodes.InvalidAddressName}"));
            bool tagOk = text.Length + 1 + text.Length > SpecValidator.MaxTagLength || s_tagKey.IsMatch(text) && s_tagValue.IsMatch(text);
            Assert.Equal(!tagOk, codes.Contains($"{JobFields.Tag}:{MgwErrorCodes.InvalidTag}"));
            checkedTexts++;
        }

        Assert.True(checkedTexts > 2000);
    }

    [Fact]
    public void TagValuesTakeCommasAsTheRegularExpressionDid()
    {
        foreach (string value in new[] { "a,b", ",", "a,,b", "a, b", "é,a" })
        {
            MgwSpecValidation v = SpecValidator.Evaluate(new Dictionary<string, object?>
            {
                [JobFields.Name] = "job-1", [JobFields.SourceAddress] = "src", [JobFields.DestinationAddress] = "dst", [JobFields.OverwriteMode] = "never",
                [JobFields.Tag] = new Dictionary<string, string> { ["k"] = value },
            });
            Assert.Equal(!s_tagValue.IsMatch(value), v.Errors.Any(e => e.Code == MgwErrorCodes.InvalidTag));
        }
    }

    [Fact]
    public void ARepeatedTextBindsToAValueEachSpecOwns()
    {
        var values = new SpecValues();
        MgwJobSpec Bind()
        {
            values.Add(JobFields.Get(JobFields.IncludeKey), "key-filters-includes", "(.*)\\.gif, logs/.*");
            values.Add(JobFields.Get(JobFields.IncludeLastModified), "IncludeLastModified", "2025-07-03 00:00:00 > 2025-07-04 00:00:00");
            values.Add(JobFields.Get(JobFields.Tag), "Tags", "team:t1,env:prod");
            values.Add(JobFields.Get(JobFields.MaxBandwidth), "MaxBandwidth", "200Mbps");
            var (spec, findings) = values.Bind();
            Assert.Empty(findings);
            return spec;
        }

        MgwJobSpec first = Bind();
        first.IncludeKey.Add("changed");
        first.IncludeLastModified.Clear();
        first.Tag["team"] = "changed";
        MgwJobSpec second = Bind();
        Assert.Equal(new[] { "(.*)\\.gif", "logs/.*" }, second.IncludeKey);
        Assert.Single(second.IncludeLastModified);
        Assert.Equal("t1", second.Tag["team"]);
        Assert.Equal(200_000_000, second.MaxBandwidth);
        Assert.NotSame(first.IncludeKey, second.IncludeKey);
    }

    [Fact]
    public void ARepeatedBadTextIsReportedEveryTime()
    {
        var values = new SpecValues();
        for (int i = 0; i < 3; i++)
        {
            values.Add(JobFields.Get(JobFields.MaxBandwidth), "max-bandwidth", "200M");
            var (spec, findings) = values.Bind();
            Assert.Null(spec.MaxBandwidth);
            Assert.Equal(MgwErrorCodes.InvalidBandwidth, Assert.Single(findings).Code);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5Mbps")]
    [InlineData("+7 KiB/s")]
    [InlineData("999999999999999999")]
    [InlineData("9999999999999999Tbps")]
    [InlineData("1152921504606846975 Bps")]
    [InlineData("1152921504606846976 Bps")]
    [InlineData("8796093022207 TiB/s")]
    public void WholeBandwidthsMultiplyOutAsDecimalsDo(string text)
    {
        bool parsed = SpecBinder.TryParseBandwidth(text, out long bits);
        // The same number with a fraction, which only the decimal path reads.
        bool viaDecimal = SpecBinder.TryParseBandwidth(Regex.Replace(text, @"^([+-]?[0-9]+)", "$1.0"), out long decimalBits);
        Assert.Equal(viaDecimal, parsed);
        Assert.Equal(decimalBits, bits);
    }
}
