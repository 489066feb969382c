# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The default table views of the job objects (module/MgwTools.Format.ps1xml) fit 120 columns and stay readable at 80:
# rendered with Out-String -Width 80/120, no line is longer than the width, every row stays on one line, and the
# columns that matter most (name, status, progress) are there at 80 while the ID, last, is the first to go.
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
    $svc = Start-MgwEmulator -Address src-a, dst-a, src-b, dst-b -PassThru
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
    Stop-AllEmulators
    Disconnect-Mgw
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
