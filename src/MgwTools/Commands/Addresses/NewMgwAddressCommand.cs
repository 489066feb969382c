using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using MgwTools.Completers;
using MgwTools.Core.Addresses;
using MgwTools.Core.Specs;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// <c>New-MgwAddress</c>: creates data addresses, one parameter set per kind (OSS, OSS inventory, third-party object
/// store, NAS/local file system through agents, HTTP URL list, and a raw form), or many from rows: piped (Import-Csv) or
/// read from the CSV files of <c>-Path</c> by the base (<see cref="RowInputCmdlet"/>, as New-MgwJob reads them), whose
/// findings name the file and line. Each input is bound and checked offline by Core (<see cref="AddressBinder"/>,
/// <see cref="AddressValidator"/>) with every finding at once, a row's columns too (an unknown one is a warning, an error
/// under <c>-Strict</c>); a valid one is created by <see cref="AddressCreator"/> (never twice, <c>-SkipExisting</c>) and
/// read back. Secrets come only as PSCredential and never reach a stream.
/// </summary>
[Cmdlet(VerbsCommon.New, "MgwAddress", DefaultParameterSetName = OssSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MgwAddress))]
public sealed class NewMgwAddressCommand : RowInputCmdlet
{
    private const string OssSet = "Oss";
    private const string InventorySet = "OssInventory";
    private const string ObjectStoreSet = "ObjectStore";
    private const string FileSystemSet = "FileSystem";
    private const string UrlListSet = "UrlList";
    private const string RawSet = "Raw";
    private const string PipelineSet = "InputObject";
    private const string CsvFileSet = "CsvFile";

    // Parameters that are not fields of the definition.
    private static readonly HashSet<string> s_notFields = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(InputObject), nameof(SkipExisting), nameof(Detail), nameof(FileSystem), nameof(Context), nameof(Region), nameof(ProfileName),
        nameof(Delimiter), nameof(Strict),
    };

    private AddressCreator? _creator;
    private int _created, _existing, _failed, _refused;

    #region Parameters

    /// <summary>The address name: 3-63 lowercase letters, digits, '-' and '_', not starting with '-' or '_'.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = OssSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = InventorySet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ObjectStoreSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileSystemSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = UrlListSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = RawSet)]
    [Alias("AddressName")]
    public string? Name { get; set; }

    /// <summary>The bucket (OSS, a third-party store, or where an inventory's objects live).</summary>
    [Parameter(Mandatory = true, ParameterSetName = OssSet)]
    [Parameter(Mandatory = true, ParameterSetName = ObjectStoreSet)]
    [Parameter(ParameterSetName = InventorySet)]
    public string? Bucket { get; set; }

    /// <summary>The OSS bucket's region, e.g. cn-beijing (sent as RegionId oss-cn-beijing).</summary>
    [Parameter(Mandatory = true, ParameterSetName = OssSet)]
    [Parameter(ParameterSetName = InventorySet)]
    [ArgumentCompleter(typeof(OssRegionCompleter))]
    public string? BucketRegion { get; set; }

    /// <summary>The RAM role the service assumes to reach the OSS bucket.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OssSet)]
    [Parameter(ParameterSetName = InventorySet)]
    public string? Role { get; set; }

    /// <summary>The key prefix inside the bucket, e.g. data/2026/ (no leading '/', a trailing '/').</summary>
    [Parameter(ParameterSetName = OssSet)]
    [Parameter(ParameterSetName = InventorySet)]
    [Parameter(ParameterSetName = ObjectStoreSet)]
    public string? Prefix { get; set; }

    /// <summary>The bucket that holds the inventory manifest.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InventorySet)]
    public string? InventoryBucket { get; set; }

    /// <summary>The manifest's key in that bucket, e.g. inventory/manifest.json.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InventorySet)]
    public string? InventoryPath { get; set; }

    /// <summary>The region of the inventory bucket (OSS), e.g. cn-hangzhou.</summary>
    [Parameter(ParameterSetName = InventorySet)]
    [ArgumentCompleter(typeof(OssRegionCompleter))]
    public string? InventoryRegion { get; set; }

    /// <summary>The RAM role that reads an inventory kept in OSS.</summary>
    [Parameter(ParameterSetName = InventorySet)]
    public string? InventoryRole { get; set; }

    /// <summary>The endpoint of the store that keeps the inventory (S3, COS).</summary>
    [Parameter(ParameterSetName = InventorySet)]
    public string? InventoryDomain { get; set; }

    /// <summary>Where the inventory is kept: oss (default), s3 or cos.</summary>
    [Parameter(ParameterSetName = InventorySet)]
    [ArgumentCompleter(typeof(InventoryLocationCompleter))]
    public string? InventoryLocation { get; set; }

    /// <summary>The AccessKey pair that reads the inventory: user name = AccessKey ID, password = secret.</summary>
    [Parameter(ParameterSetName = InventorySet)]
    [Parameter(ParameterSetName = RawSet)]
    [Parameter(ParameterSetName = PipelineSet)]
    [Parameter(ParameterSetName = CsvFileSet)]
    public PSCredential? InventoryCredential { get; set; }

    /// <summary>The third-party store: S3, COS, Qiniu, OBS, BOS, KS3, UPYUN or AzureBlob.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ObjectStoreSet)]
    [ArgumentCompleter(typeof(ObjectStoreTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>The store's endpoint, e.g. s3.us-east-1.amazonaws.com.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ObjectStoreSet)]
    public string? Domain { get; set; }

    /// <summary>The store's AccessKey pair: user name = AccessKey ID, password = secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ObjectStoreSet)]
    [Parameter(ParameterSetName = RawSet)]
    [Parameter(ParameterSetName = PipelineSet)]
    [Parameter(ParameterSetName = CsvFileSet)]
    public PSCredential? Credential { get; set; }

    /// <summary>The agents that reach the file system.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FileSystemSet)]
    [Alias("AgentList")]
    public string[]? Agent { get; set; }

    /// <summary>
    /// With -Agent (the FileSystem set): the directory on the file system, e.g. /mnt/data/ (starts and ends with '/').
    /// Alone (the CsvFile set): the CSV files of address definitions to read instead of piped rows, each with its encoding
    /// and delimiter, every finding naming the file and line (<c>addresses.csv:10</c>); wildcards are allowed.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = FileSystemSet)]
    [Parameter(Mandatory = true, ParameterSetName = CsvFileSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>The cell delimiter of the -Path files; detected (comma, semicolon or tab) when not given.</summary>
    [Parameter(ParameterSetName = CsvFileSet)]
    public char? Delimiter { get; set; }

    /// <summary>Make a column that names no address field an error that refuses the rows, instead of a warning.</summary>
    [Parameter(ParameterSetName = CsvFileSet)]
    [Parameter(ParameterSetName = PipelineSet)]
    public SwitchParameter Strict { get; set; }

    /// <summary>Nas (default) or Local.</summary>
    [Parameter(ParameterSetName = FileSystemSet)]
    public MgwFileSystem FileSystem { get; set; } = MgwFileSystem.Nas;

    /// <summary>The OSS bucket that holds the URL list.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UrlListSet)]
    public string? UrlListBucket { get; set; }

    /// <summary>The URL list's key in that bucket, e.g. lists/urls.txt.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UrlListSet)]
    public string? UrlListPath { get; set; }

    /// <summary>The region of the URL list's bucket, e.g. cn-hangzhou.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UrlListSet)]
    [ArgumentCompleter(typeof(OssRegionCompleter))]
    public string? UrlListRegion { get; set; }

    /// <summary>The RAM role that reads the URL list.</summary>
    [Parameter(ParameterSetName = UrlListSet)]
    public string? UrlListRole { get; set; }

    /// <summary>The AccessKey pair that reads the URL list, instead of a role.</summary>
    [Parameter(ParameterSetName = UrlListSet)]
    public PSCredential? UrlListCredential { get; set; }

    /// <summary>The raw form: the AddressType as the service takes it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RawSet)]
    [ArgumentCompleter(typeof(AddressTypeCompleter))]
    public string? AddressType { get; set; }

    /// <summary>The raw form: AddressDetail elements by their API names (Bucket, RegionId, Prefix, AgentList, InvBucket…).</summary>
    [Parameter(Mandatory = true, ParameterSetName = RawSet)]
    public Hashtable? Detail { get; set; }

    /// <summary>A row of address definitions (a CSV row): its properties are read by field name.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipelineSet)]
    public PSObject? InputObject { get; set; }

    /// <summary>Tags: a hashtable, or the text k1:v1,k2:v2.</summary>
    [Parameter]
    [Alias("Tags")]
    public object? Tag { get; set; }

    /// <summary>Return an address that already exists with the same definition instead of failing; report a conflict when it differs.</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc />
    protected override string[]? InputPaths => ParameterSetName == CsvFileSet ? Path : null;

    /// <inheritdoc />
    protected override char? InputDelimiter => Delimiter;

    /// <inheritdoc />
    protected override bool StrictColumns => Strict;

    /// <inheritdoc />
    protected override ColumnCheck CreateColumnCheck() =>
        AddressFields.ColumnCheck(PSObject.AsPSObject(new MgwAddress()).Properties.Select(p => p.Name).ToList());

    /// <inheritdoc />
    protected override void BeginProcessing() => RefusePathWithPipelineInput("addresses.csv");

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == CsvFileSet)
        {
            foreach (RowInput input in FileInputs()) Create(input);
            return;
        }

        if (ParameterSetName == PipelineSet && InputObject is { } row)
        {
            // The columns of a CSV row (or the keys of a hashtable) are checked; a typed object's properties are not.
            IEnumerable<string> names = row.BaseObject switch
            {
                IDictionary table => table.Keys.Cast<object?>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? ""),
                PSCustomObject => row.Properties.Select(p => p.Name),
                _ => Enumerable.Empty<string>(),
            };
            Create(new RowInput(NextRow(), Redacted(row), row, null, null, null, PipedColumnFindings(names)));
            return;
        }

        Create(new RowInput(NextRow(), Name ?? "", null, null, null, null, Array.Empty<MgwError>()));
    }

    // One input: bound, checked offline (its columns' findings first), then created unless a finding is an error.
    private void Create(RowInput input)
    {
        int row = input.Row;
        bool rows = ParameterSetName is PipelineSet or CsvFileSet;
        object target = input.File is not null ? Redacted((PSObject)input.Target!) : input.Target!;
        var (spec, bindingFindings) = AddressBinder.Bind(Values(input, out var defaults), Detail, defaults);
        HideTextSecrets(target);
        var findings = input.Findings.Concat(AddressValidator.Check(spec, bindingFindings)).Select(f => Located(f, input, rows)).ToList();
        if (findings.FirstOrDefault(f => f.Code == MgwErrorCodes.WrongDelimiter) is { } misread)
        {
            // Every row of this input is misread alike: one clear error for the run, and nothing sent.
            _refused++;
            WriteVerbose("New-MgwAddress: " + Summary());
            ThrowRowError(misread, target);
        }

        foreach (MgwError warning in findings)
        {
            if (warning.Severity == MgwSeverity.Warning) WriteWarning($"{warning.LocatedMessage} [{warning.Code}]");
        }

        bool valid = true;
        foreach (MgwError error in findings)
        {
            if (error.Severity != MgwSeverity.Error) continue;
            valid = false;
            WriteMgwError(error, target);
        }

        if (!valid)
        {
            _refused++;
            return;
        }

        string name = spec.Name!;
        string summary = spec.Summary();
        if (!ShouldProcess($"Create data address '{name}': {summary}.", $"Create data address '{name}': {summary}?", "New-MgwAddress"))
        {
            return;
        }

        AddressCreationResult result;
        try
        {
            _creator ??= new AddressCreator(Client, SkipExisting);
            AddressCreator creator = _creator;
            result = Await(ct => creator.CreateAsync(spec, row, ct));
        }
        catch (MgwException ex)
        {
            _failed++;
            MgwError error = Located(ex.Error, input, rows);
            if (MgwErrorKinds.AffectsEveryRequest(error.Kind))
            {
                // Bad credentials or clock: every further row would fail alike.
                WriteVerbose("New-MgwAddress: " + Summary());
                ThrowMgwError(error, target, ex);
            }

            WriteMgwError(error, target, ex);
            return;
        }

        if (result.Kind == AddressCreationKind.Existing) _existing++;
        else _created++;
        MgwAddress address = result.Address;
        WriteVerbose(string.Format(CultureInfo.InvariantCulture, "{0}: {1}; version {2}.", rows ? $"Row {row} '{name}'" : $"Address '{name}'", result.Kind switch
        {
            AddressCreationKind.Existing => "exists with the same definition (returned as it is)",
            AddressCreationKind.Recovered => string.Format(CultureInfo.InvariantCulture, "created (confirmed by a lookup after {0} unanswered send(s))", result.Sends),
            _ => "created",
        }, address.Version));
        if (rows)
        {
            // A row's address shows its Row first (the MgwTools.MgwAddress#Row view); a typed one has no Row column.
            address.Row = row;
            var wrapped = PSObject.AsPSObject(address);
            wrapped.TypeNames.Insert(0, AddressWithRowTypeName);
            WriteObject(wrapped);
        }
        else
        {
            WriteObject(address);
        }
    }

    // A finding as its record shows it: a row's with the row (and for a -Path row the file and line) in front; one about
    // a file's header line (an unknown column, the wrong delimiter) as it is; a typed input's without a prefix.
    private static MgwError Located(MgwError finding, RowInput input, bool rows)
    {
        if (finding.File is not null && finding.Code is MgwErrorCodes.UnknownColumn or MgwErrorCodes.WrongDelimiter) return finding;
        if (!rows) return finding;
        MgwError located = finding.WithContext(input.Row, null);
        return input.File is null ? located : located.WithSource(input.File, input.Line);
    }

    /// <summary>The type name that selects the address table with a <c>Row</c> column (module/MgwTools.Format.ps1xml).</summary>
    public const string AddressWithRowTypeName = "MgwTools.MgwAddress#Row";

    /// <inheritdoc />
    protected override void EndProcessing() => WriteVerbose("New-MgwAddress: " + Summary());

    #endregion

    private string Summary() => string.Format(CultureInfo.InvariantCulture,
        "{0} input(s): {1} created, {2} already existed, {3} failed, {4} refused by validation.", Row, _created, _existing, _failed, _refused);

    // The values of this input, by field name: the parameters given (the set's type among them), or for a row its
    // properties or cells, with the parameters given as the run's defaults (a row's own value wins; a key pair goes only
    // to rows whose kind reads one). Credentials become Core's key pairs here; nothing else is converted.
    private List<KeyValuePair<string, object?>> Values(RowInput input, out List<KeyValuePair<string, object?>> defaults)
    {
        var values = new List<KeyValuePair<string, object?>>();
        defaults = new List<KeyValuePair<string, object?>>();
        bool rows = ParameterSetName is PipelineSet or CsvFileSet;
        foreach (var pair in MyInvocation.BoundParameters)
        {
            if (s_notFields.Contains(pair.Key) || IsCommon(pair.Key) || (rows && pair.Key == nameof(Path))) continue;
            (rows ? defaults : values).Add(new KeyValuePair<string, object?>(pair.Key, Given(pair.Value)));
        }

        string? type = ParameterSetName switch
        {
            OssSet => "oss",
            InventorySet => "ossinv",
            UrlListSet => "http",
            FileSystemSet => FileSystem == MgwFileSystem.Local ? "local" : "nas",
            _ => null,
        };
        if (type is not null) values.Add(new KeyValuePair<string, object?>(AddressFields.AddressType, type));

        foreach (var cell in input.Cells) values.Add(new KeyValuePair<string, object?>(cell.Key, cell.Value));
        if (ParameterSetName == PipelineSet && InputObject is { } row)
        {
            if (row.BaseObject is IDictionary table)
            {
                foreach (DictionaryEntry entry in table)
                {
                    values.Add(new KeyValuePair<string, object?>(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "", Given(entry.Value)));
                }
            }
            else
            {
                foreach (PSPropertyInfo property in row.Properties)
                {
                    object? value;
                    try
                    {
                        value = property.Value;
                    }
                    catch (GetValueException)
                    {
                        continue;
                    }

                    values.Add(new KeyValuePair<string, object?>(property.Name, Given(value)));
                }
            }
        }

        return values;
    }

    // A secret given as text stays out of the records too: the error records carry this invocation's bound parameters
    // ($Error[0].InvocationInfo.BoundParameters, ConvertTo-Json of an error), so the row and -Detail are replaced there by
    // their redacted copies once they have been read.
    private void HideTextSecrets(object target)
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(InputObject)) && InputObject is { } row && !ReferenceEquals(target, row)) bound[nameof(InputObject)] = target;
        if (Detail is { } detail && bound.ContainsKey(nameof(Detail)) && Redacted(new PSObject(detail)) is Hashtable copy && !ReferenceEquals(copy, detail))
        {
            bound[nameof(Detail)] = copy;
        }
    }

    // The row as the target of its errors, with a secret given as text (an AccessSecret column, text in a Credential
    // column) replaced, so that the record's display, $Error and transcripts never show it.
    private static object Redacted(PSObject row)
    {
        static bool Hides(string name, object? value) =>
            AddressFields.IsSecretName(name) ||
            AddressFields.Find(name) is { Kind: AddressValueKind.Key } && (value is PSObject ps ? ps.BaseObject : value) is not (null or PSCredential);

        if (row.BaseObject is IDictionary table)
        {
            if (!table.Keys.Cast<object?>().Any(k => Hides(Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", table[k!]))) return row;
            var copy = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in table)
            {
                string key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                copy[key] = Hides(key, entry.Value) ? "(hidden)" : entry.Value;
            }

            return copy;
        }

        var hidden = new List<string>();
        foreach (PSPropertyInfo property in row.Properties)
        {
            try
            {
                if (Hides(property.Name, property.Value)) hidden.Add(property.Name);
            }
            catch (GetValueException)
            {
            }
        }

        if (hidden.Count == 0) return row;
        var redacted = new PSObject();
        foreach (PSPropertyInfo property in row.Properties)
        {
            object? value;
            try
            {
                value = hidden.Contains(property.Name) ? "(hidden)" : property.Value;
            }
            catch (GetValueException)
            {
                continue;
            }

            redacted.Properties.Add(new PSNoteProperty(property.Name, value));
        }

        return redacted;
    }

    private static bool IsCommon(string name) =>
        Cmdlet.CommonParameters.Contains(name) || Cmdlet.OptionalCommonParameters.Contains(name);

    // A value as Core takes it: a PSCredential becomes a key pair (its secret read once, kept internal), everything
    // else is unwrapped.
    private static object? Given(object? value)
    {
        object? plain = value is PSObject ps ? ps.BaseObject : value;
        return plain is PSCredential credential
            ? new MgwStorageKey(credential.UserName?.TrimStart('\\') ?? "", credential.GetNetworkCredential()?.Password ?? "")
            : PSValues.Unwrap(value);
    }
}
