# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The default table views of the job objects (module/MgwTools.Format.ps1xml) fit 120 columns and stay readable at 80:
# rendered with Out-String -Width 80/120, no line is longer than the width, every row stays on one line, and the
# columns that matter most (name, status, progress) are there at 80 while the ID, last, is the first to go.
# Then every view of the format file, whichever helper added it, is rendered at 80 and 120 with sample objects (real
# ones from the local service, worst cases built here, or for a type without a sample one built from its properties).
BeforeDiscovery {
    # Every view of the format file: name, the type it is selected by, and whether it is a table or a list.
    $format = [xml](Get-Content -Raw (Join-Path (Split-Path $PSScriptRoot -Parent) 'module/MgwTools.Format.ps1xml'))
    $AllViews = foreach ($v in $format.Configuration.ViewDefinitions.View) {
        @{ Name = $v.Name; TypeName = $v.ViewSelectedBy.TypeName; Kind = ($v.TableControl ? 'Table' : 'List') }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
    $PSStyle.OutputRendering = 'PlainText'
    $long = 'n' * 63

    # The lines of the default view of $Objects at $Width, without trailing blank lines.
    function Get-View([object[]] $Objects, [int] $Width) {
        $text = ($Objects | Out-String -Width $Width) -replace "`e\[[0-9;]*m", ''
        @($text -split "`r?`n" | Where-Object { $_.Trim() })
    }

    # The view lines of real objects from the local service plus worst cases built here: names of 63 characters,
    # the longest status, counts and sizes in the millions and terabytes.
    $svc = Start-MgwEmulator -Address src-a, dst-a, src-b, dst-b, src-c, dst-c -PassThru
    $null = New-MgwJob flaky-c -SourceAddress src-a -DestinationAddress dst-a -OverwriteMode Always -TransferMode All -Start
    $null = New-MgwJob a-rather-long-job-name-of-forty-characters -SourceAddress src-b -DestinationAddress dst-b -OverwriteMode Never -Start
    $svc.Clock.Advance([TimeSpan]::FromMinutes(2))

    $worstJob = [MgwTools.MgwJob]::new([MgwTools.MgwJobSpec]@{ Name = $long; SourceAddress = 's' * 63; DestinationAddress = 'd' * 63 })
    $worstJob.Status = 'IMPORT_JOB_INTERRUPTED'
    $worstJob.Row = 500
    $worstJob.Version = [guid]::NewGuid().ToString()
    $now = [DateTimeOffset]::UtcNow
    $worstRun = [MgwTools.MgwJobRun]@{
        Name = $long; RuntimeId = '999'; Status = 'IMPORT_JOB_INTERRUPTED'; RuntimeState = 'Interrupt'
        TotalCount = 12345678; CopiedCount = 12345678; TotalSize = 1099511627776000; CopiedSize = 1048575; StartTime = $now; EndTime = $now
    }
    $worstResult = [MgwTools.MgwJobResult]@{
        JobName = $long; RuntimeId = 999; ReadyRetry = 'NotReady'; TotalObjectCount = 123456789; CopiedObjectCount = 123456789
        FailedObjectCount = 1234567; SkippedObjectCount = 123456789; TotalObjectSize = 1099511627776000; CopiedObjectSize = 1099511627776000
    }

    $script:Views = @{
        MgwJob        = @{ Objects = @(Get-MgwJob) + $worstJob; Key = 'Name', 'Status', 'Source'; Last = 'Version' }
        MgwJobRun = @{ Objects = @(Get-MgwJobHistory flaky-c) + $worstRun; Key = 'Name', 'Run', 'Status', 'Files', 'Size'; Last = 'EndTime' }
        MgwJobResult  = @{ Objects = @(Get-MgwJobResult flaky-c, a-rather-long-job-name-of-forty-characters) + $worstResult; Key = 'JobName', 'Run', 'ReadyRetry', 'Total', 'Copied', 'Failed'; Last = 'Size' }
        MgwReport     = @{ Objects = @(New-MgwJobReport flaky-c) + @(Get-MgwJobReport a-rather-long-job-name-of-forty-characters); Key = 'JobName', 'Run', 'Status', 'Total', 'Copied'; Last = 'JobVersion' }
    }

    # Samples of every type a view of the format file is selected by, worst cases included.
    $rows = @(
        [pscustomobject]@{ Name = 'row-job-one'; SourceAddress = 'src-c'; DestinationAddress = 'dst-c'; OverwriteMode = 'Never' }
        [pscustomobject]@{ Name = 'bad-row'; SourceAddress = 's' * 63; DestinationAddress = 'd' * 63; OverwriteMode = 'Sometimes'; MaxBandwidth = 'fast' * 30 }
        [pscustomobject]@{ Name = 'x'; SourceAddress = 'src-c'; OverwriteMode = 'Always' }
    )
    $validations = @($rows | Test-MgwJobSpec)
    $worstRowJob = [psobject]::AsPSObject([MgwTools.MgwJob]::new([MgwTools.MgwJobSpec]@{ Name = $long; SourceAddress = 's' * 63; DestinationAddress = 'd' * 63 }))
    $worstRowJob.Row = 99999
    $worstRowJob.PSObject.TypeNames.Insert(0, 'MgwTools.MgwJob#Row')
    $worstError = [MgwTools.MgwError]@{
        Code = 'SourceCredentialRequired'; Field = 'LastModifiedFiltersExcludes'; Value = 'v' * 300; Row = 99999; JobName = $long
        Message = 'A long message ' * 20
    }
    $worstValidation = [MgwTools.MgwSpecValidation]::new([MgwTools.MgwJobSpec]@{ Name = $long }, [MgwTools.MgwError[]]@($worstError), 99999)
    $script:Samples = @{
        'MgwTools.MgwJob'            = $Views.MgwJob.Objects
        'MgwTools.MgwJob#Row'        = @($rows[0] | New-MgwJob) + $worstRowJob
        'MgwTools.MgwJobRun'         = $Views.MgwJobRun.Objects
        'MgwTools.MgwJobResult'      = $Views.MgwJobResult.Objects
        'MgwTools.MgwReport'         = $Views.MgwReport.Objects
        'MgwTools.MgwError'          = @($validations.Errors) + $worstError
        'MgwTools.MgwSpecValidation' = $validations + $worstValidation
        'MgwTools.MgwContext'        = @(Get-MgwContext)
        'MgwTools.MgwEmulatorInfo'   = @($svc)
        'MgwTools.MgwCron'           = @(ConvertTo-MgwCron '0 0 2 * * *'; ConvertTo-MgwCron '0 30 1 ? * MON-FRI')
        'MgwTools.MgwCronOccurrence' = @((ConvertTo-MgwCron '0 0 2 * * *').Next)
    }
    Stop-AllEmulators
    Disconnect-Mgw

    # A sample of a type that has none above (a view another part of the module added): an instance from its
    # parameterless constructor with every settable property filled with a long value of its type.
    function New-Sample([string] $TypeName) {
        $type = ($TypeName -split '#')[0] -as [type]
        if (-not $type) { throw "No type '$TypeName' is loaded: add a sample for it to `$Samples in $PSCommandPath." }
        $ctor = $type.GetConstructor([type[]]@())
        if (-not $ctor) { throw "'$TypeName' has no parameterless constructor: add a sample for it to `$Samples in $PSCommandPath." }
        $o = $ctor.Invoke(@())
        foreach ($p in $type.GetProperties() | Where-Object { $_.CanWrite -and $_.SetMethod.IsPublic }) {
            $t = [Nullable]::GetUnderlyingType($p.PropertyType) ?? $p.PropertyType
            $value = switch ($t) {
                ([string]) { 'w' * 63 }
                ([int]) { [int]::MaxValue }
                ([long]) { [long]::MaxValue }
                ([bool]) { $true }
                ([DateTimeOffset]) { [DateTimeOffset]::UtcNow }
                default { if ($t.IsEnum) { [Enum]::GetValues($t) | Sort-Object { "$_".Length } | Select-Object -Last 1 } }
            }
            if ($null -ne $value) { $p.SetValue($o, $value) }
        }
        $wrapped = [psobject]::AsPSObject($o)
        if ($TypeName -ne $type.FullName) { $wrapped.PSObject.TypeNames.Insert(0, $TypeName) }
        , @($wrapped)
    }

}

Describe 'The <_> table view' -ForEach 'MgwJob', 'MgwJobRun', 'MgwJobResult', 'MgwReport' {
    BeforeAll {
        $script:View = $Views[$_]
        $script:Type = "MgwTools.$_"
    }

    It 'is the default view of the type, a table' {
        $format = $View.Objects[0] | Format-Table | Select-Object -First 1
        $format.GetType().Name | Should -Be 'FormatStartData'
        $View.Objects[0].GetType().FullName | Should -Be $Type
        (Get-FormatData -TypeName $Type).FormatViewDefinition.Control.GetType().Name | Should -Contain 'TableControl'
    }

    It 'fits <Width> columns: no line is longer, and each object is one line under the two header lines' -TestCases @(
        @{ Width = 120 }
        @{ Width = 80 }
    ) {
        param($Width)
        $lines = Get-View $View.Objects $Width
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual $Width -Because "'$line'" }
        $lines | Should -HaveCount ($View.Objects.Count + 2)
        $lines[1] | Should -Match '^[- ]+$' -Because 'no header wraps onto a second line'
    }

    It 'shows every column at 120, the last one whole' {
        $lines = Get-View $View.Objects 120
        foreach ($column in $View.Key + $View.Last) { $lines[0] | Should -Match "(^|\s)$column(\s|$)" }
        # PowerShell squeezes the last column of a view too wide for the width: its values would end in '…'.
        foreach ($line in $lines) { $line.TrimEnd() | Should -Not -Match '…$' }
    }

    It 'keeps the key columns whole at 80 and drops the last one first' {
        $lines = Get-View $View.Objects 80
        foreach ($column in $View.Key) { $lines[0] | Should -Match "(^|\s)$column(\s|$)" }
        $lines[0] | Should -Not -Match "(^|\s)$($View.Last)(\s|$)"
    }
}

Describe 'Values in the job views' {
    It 'shows files and bytes copied of total in the history view: counts in millions from a million, sizes in binary units' {
        $lines = Get-View $Views.MgwJobRun.Objects 120
        $lines[-1] | Should -Match '\s12\.3M/12\.3M\s+1 MiB/1000 TiB\s+Interrupt\s'
        $lines[-2] | Should -Match '\d{1,3}(,\d{3})*/\d{1,3}(,\d{3})*\s+\d+(\.\d)? [KMGT]?i?B/\d+(\.\d)? [KMGT]?i?B\s+Normal'
    }

    It 'shows a job''s status in full, also the longest one' {
        (Get-View $Views.MgwJob.Objects 80)[-1] | Should -Match 'IMPORT_JOB_INTERRUPTED'
        (Get-View $Views.MgwJobRun.Objects 80)[-1] | Should -Match 'IMPORT_JOB_INTERRUPTED'
    }
}


Describe 'Every view of the format file at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It '<Name> (<Kind>) has sample objects, and no line of it is longer than the width' -TestCases $AllViews {
        $Objects = if ($Samples.ContainsKey($TypeName)) { $Samples[$TypeName] } else { New-Sample $TypeName }
        $Objects | Should -Not -BeNullOrEmpty -Because "the view '$Name' needs objects to render"
        $text = if ($Kind -eq 'Table') { $Objects | Format-Table -View $Name | Out-String -Width $Width } else { $Objects | Format-List -View $Name | Out-String -Width $Width }
        $lines = @(($text -replace "`e\[[0-9;]*m", '') -split "`r?`n" | Where-Object { $_.Trim() })
        $lines | Should -Not -BeNullOrEmpty
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual $Width -Because "'$line'" }
        if ($Kind -eq 'Table') {
            $lines[1] | Should -Match '^[- ]+$' -Because "no header of '$Name' wraps onto a second line: '$($lines[0])' / '$($lines[1])'"
        }
    }
}

Describe 'Which columns the tables show' {
    It 'shows a Row only for jobs that came from piped rows: typed jobs have no Row column' {
        (Get-View $Samples['MgwTools.MgwJob'] 120)[0] | Should -Match '^Name\s+Status\s+Source\s+Destination\s+Version\s*$'
        $piped = @($Samples['MgwTools.MgwJob#Row'] | Where-Object { $null -ne $_.Row })
        $piped | Should -Not -BeNullOrEmpty
        $piped[0].PSObject.TypeNames[0] | Should -Be 'MgwTools.MgwJob#Row'
        $lines = Get-View $piped 120
        $lines[0] | Should -Match '^Row\s+Name\s+Status\s+Source\s+Destination\s+Version\s*$'
        $lines[2] | Should -Match '^\s*1\s+row-job-one\s'
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 120 }
    }

    It 'shows Row, JobName, Code, Field, Value and Message of an error, in that order' {
        $lines = Get-View @($Samples['MgwTools.MgwError'] | Where-Object JobName -EQ 'bad-row') 120
        $lines[0] | Should -Match '^Row\s+JobName\s+Code\s+Field\s+Value\s+Message\s*$'
        $lines[2] | Should -Match '^\s*2\s+bad-row\s+InvalidValue\s+OverwriteMode\s+Sometimes\s+OverwriteMode .Sometimes.'
    }

    It 'lists the findings of a verdict one per line, and its spec as what the job would do' {
        $text = ($Samples['MgwTools.MgwSpecValidation'][1] | Format-List | Out-String -Width 200) -replace "`e\[[0-9;]*m", ''
        $text | Should -Match '(?m)^Errors\s+: InvalidValue \(OverwriteMode\): OverwriteMode .Sometimes. is not one of .*$'
        $text | Should -Match '(?m)^\s+InvalidBandwidth \(MaxBandwidth\): MaxBandwidth .* is not a bandwidth\..*$'
        $text | Should -Match "(?m)^Spec\s+: s{63} -> d{63}, overwrite \?\s*$"
        $text | Should -Not -Match 'MgwTools\.MgwJobSpec|MgwTools\.MgwError'
    }
}
