// Copyright (c) MgwTools contributors. Licensed under the MIT License.
using System.Management.Automation;

namespace MgwBench.MinimalModule;

/// <summary>One result per piped row, as Test-MgwJobSpec writes one, with no work in between.</summary>
public sealed class MinimalRowResult
{
    public MinimalRowResult(PSObject? row) => Row = row;

    public PSObject? Row { get; }

    public bool IsValid => Row is not null;
}

/// <summary><c>&lt;rows&gt; | Test-MinimalRow</c>: binds each piped object and writes one result for it.</summary>
[Cmdlet(VerbsDiagnostic.Test, "MinimalRow")]
[OutputType(typeof(MinimalRowResult))]
public sealed class TestMinimalRowCommand : PSCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    protected override void ProcessRecord() => WriteObject(new MinimalRowResult(InputObject));
}
