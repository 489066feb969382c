# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Unattended runs (issue 13, issue 14 items 4-5): each behaviour in a child `pwsh -File`, the way an admin script or a CI
# runner runs it, with the runner's environment variables, judged on the raw log text and the exit code.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'CiHelpers.ps1')
    $script:CommandId = 'MgwTools.Commands.NewMgwJobCommand'

    # A job CSV: one 'name,src,dest' triple a row (overwrite never).
    function New-JobCsv([string] $Path, [string[]] $Rows, [string] $Delimiter = ',', [string] $Encoding = 'utf8NoBOM', [string] $Header) {
        $d = $Delimiter
        $lines = @($Header ? $Header : "job-name${d}src-address${d}dest-address${d}overwrite-mode") + @($Rows | ForEach-Object { $_ -replace ',', $d })
        Set-Content -LiteralPath $Path -Value $lines -Encoding $Encoding
        $Path
    }

    # The start of a child script: a local service with these addresses and latency, and a probe printed as one line:
    # requests received, requests answered (equal when none is running) and jobs on the service.
    function Get-ServiceScript([string[]] $Addresses, [string] $Latency = '00:00:00') {
        $names = ($Addresses | ForEach-Object { "'$_'" }) -join ', '
        @"
`$svc = Start-MgwEmulator -Address $names -Latency '$Latency' -PassThru
function Show-Service { 'SERVICE requests={0} answered={1} jobs={2}' -f `$svc.Stats.Requests, [int](`$svc.Stats.ResponsesByStatus.Values | Measure-Object -Sum).Sum, `$svc.JobCount }
"@
    }

    $script:Addresses = @('dest-a') + (1..8 | ForEach-Object { "src-$_" })
    $script:EightRows = 1..8 | ForEach-Object { "job-$_,$(if ($_ -eq 3) { 'no-such' } else { "src-$_" }),dest-a,never" }
}

Describe 'Unattended runs' {
    Context 'stop means stop, and nothing is lost (-ErrorAction Stop, or the preference)' {
        It 'under $ErrorActionPreference = Stop (the Azure Pipelines task''s default), writes the jobs in flight before it throws, and leaves no request running' {
            $csv = New-JobCsv (Join-Path $TestDrive 'eight.csv') $EightRows
            $fixed = New-JobCsv (Join-Path $TestDrive 'eight-fixed.csv') (1..8 | ForEach-Object { "job-$_,src-$_,dest-a,never" })
            # Each row is a CreateJob then a GetJob, 300 ms each: when row 3's CreateJob is refused, rows 1, 2 and 4 are created
            # and still reading their job back. Had the command thrown at once, the service would hold jobs no output shows.
            $run = Invoke-CiChild -Environment @{ TF_BUILD = 'True' } -Script (@"
`$ErrorActionPreference = 'Stop'
$(Get-ServiceScript $Addresses '00:00:00.300')
try {
    Import-Csv '$csv' | New-MgwJob -ThrottleLimit 4 -SummaryVariable run | ForEach-Object { "JOB `$(`$_.Row) `$(`$_.Name)" }
    'NOT REACHED'
}
catch {
    "CAUGHT `$(`$_.FullyQualifiedErrorId) row=`$(`$_.Exception.Error.Row) category=`$(`$_.CategoryInfo.Category)"
    Show-Service
    "SUMMARY in=`$(`$run.RowsIn) created=`$(`$run.Created) failed=`$(`$run.Failed) notsent=`$(`$run.NotSent) stop=`$(`$run.StopCode) exit=`$(`$run.ExitCode)"
}
`$again = Import-Csv '$fixed' | New-MgwJob -SkipExisting -SummaryVariable resumed
Show-Service
"RESUMED created=`$(`$resumed.Created) existing=`$(`$resumed.Existing)"
"@)
            $run.Clean | Should -Not -Match 'NOT REACHED'
            $run.Clean | Should -Match "(?m)^CAUGHT NoSuchImportAddress,$CommandId row=3 category=ObjectNotFound$"
            $jobs = @($run.Lines | Where-Object { $_ -match '^JOB ' })
            $service = [regex]::Match($run.Clean, '(?m)^SERVICE requests=(\d+) answered=(\d+) jobs=(\d+)$')
            $service.Success | Should -BeTrue
            $service.Groups[1].Value | Should -Be $service.Groups[2].Value -Because 'no request is still running when the command returns'
            [int]$service.Groups[3].Value | Should -Be $jobs.Count -Because 'every job on the service reached the output'
            $jobs.Count | Should -BeGreaterOrEqual 1
            $jobs | Should -Not -Contain 'JOB 3 job-3'
            $summary = [regex]::Match($run.Clean, '(?m)^SUMMARY in=(\d+) created=(\d+) failed=(\d+) notsent=(\d+) stop=(\S+) exit=(\d)$')
            [int]$summary.Groups[2].Value | Should -Be $jobs.Count
            [int]$summary.Groups[3].Value | Should -Be 1
            [int]$summary.Groups[1].Value | Should -Be ([int]$summary.Groups[2].Value + 1 + [int]$summary.Groups[4].Value)
            $summary.Groups[5].Value | Should -Be 'NoSuchImportAddress'
            $summary.Groups[6].Value | Should -Be '1'
            $run.Clean | Should -Match "WARNING: New-MgwJob stopped at the first error \(NoSuchImportAddress, row 3\) because -ErrorAction is Stop: \d+ row\(s\) read were not sent, and no more were read; the $($jobs.Count) job\(s\) finished before are in the output\. Fix the cause, then run the same command again with -SkipExisting to create the rest\."
            # The advice works: the same input, fixed, with -SkipExisting, creates exactly what is missing.
            $run.Clean | Should -Match '(?m)^SERVICE requests=\d+ answered=\d+ jobs=8$'
            $run.Clean | Should -Match "(?m)^RESUMED created=$(8 - $jobs.Count) existing=$($jobs.Count)$"
        }

        It 'with -ErrorAction Stop and -Path in try/catch: the same, and the rows of the file never read count as not sent' {
            $csv = New-JobCsv (Join-Path $TestDrive 'eight.csv') $EightRows
            $run = Invoke-CiChild -Script (@"
$(Get-ServiceScript $Addresses '00:00:00.300')
try {
    New-MgwJob -Path '$csv' -ThrottleLimit 2 -ErrorAction Stop -SummaryVariable run | ForEach-Object { "JOB `$(`$_.Row) `$(`$_.Name)" }
}
catch {
    "CAUGHT `$(`$_.FullyQualifiedErrorId) line=`$(`$_.Exception.Error.Line) file=`$(Split-Path -Leaf `$_.Exception.Error.File)"
    "DETAILS `$(`$_.ErrorDetails.Message)"
    Show-Service
    "SUMMARY in=`$(`$run.RowsIn) created=`$(`$run.Created) failed=`$(`$run.Failed) notsent=`$(`$run.NotSent)"
}
"@)
            $run.Clean | Should -Match "(?m)^CAUGHT NoSuchImportAddress,$CommandId line=4 file=eight\.csv$"
            $jobs = @($run.Lines | Where-Object { $_ -match '^JOB ' })
            $service = [regex]::Match($run.Clean, '(?m)^SERVICE requests=(\d+) answered=(\d+) jobs=(\d+)$')
            $service.Groups[1].Value | Should -Be $service.Groups[2].Value
            [int]$service.Groups[3].Value | Should -Be $jobs.Count
            $run.Clean | Should -Match "(?m)^SUMMARY in=8 created=$($jobs.Count) failed=1 notsent=$(7 - $jobs.Count)$"
            $run.Clean | Should -Match 'more row\(s\) of the input were not read'
            $run.Lines | Should -Contain "DETAILS eight.csv:4: Row 3 'job-3': The source address 'no-such' (-SourceAddress) does not exist: The import address 'no-such' does not exist."
        }

        It 'a row refused by validation stops the run too: its first error is thrown, its other errors are told, nothing more is sent' {
            $rows = 1..8 | ForEach-Object { if ($_ -eq 5) { 'Bad Name!,src-5,dest-a,sometimes' } else { "job-$_,src-$_,dest-a,never" } }
            $csv = New-JobCsv (Join-Path $TestDrive 'bad-five.csv') $rows
            $run = Invoke-CiChild -Script (@"
`$ErrorActionPreference = 'Stop'
$(Get-ServiceScript $Addresses '00:00:00.200')
try { New-MgwJob -Path '$csv' -ThrottleLimit 2 | ForEach-Object { "JOB `$(`$_.Row) `$(`$_.Name)" } }
catch { "CAUGHT `$(`$_.FullyQualifiedErrorId)"; Show-Service }
"@)
            $run.Clean | Should -Match "(?m)^CAUGHT InvalidValue,$CommandId$"
            $run.Clean | Should -Match "WARNING: bad-five\.csv:6: Row 5 'Bad Name!': Job name 'Bad Name!' is not 3-63 characters.*\[InvalidJobName\] \(not raised: the run had already stopped at an earlier error\)"
            $jobs = @($run.Lines | Where-Object { $_ -match '^JOB ' })
            $service = [regex]::Match($run.Clean, '(?m)^SERVICE requests=(\d+) answered=(\d+) jobs=(\d+)$')
            $service.Groups[1].Value | Should -Be $service.Groups[2].Value
            [int]$service.Groups[3].Value | Should -Be $jobs.Count
            $jobs | Where-Object { $_ -match 'JOB [5-8] ' } | Should -BeNullOrEmpty -Because 'no row after the refused one is sent'
        }

        It 'a single typed job that fails under -ErrorAction Stop throws its error, with no stop warning to read' {
            $null = Start-MgwEmulator -Address src-a, dest-a -PassThru
            try {
                $err = $null
                try { New-MgwJob lone-job -SourceAddress no-such -DestinationAddress dest-a -OverwriteMode Never -ErrorAction Stop -WarningVariable warned }
                catch { $err = $_ }
                $err.FullyQualifiedErrorId | Should -Be "NoSuchImportAddress,$CommandId"
                $warned | Should -BeNullOrEmpty
                # Piped, the same failure is told: more input may have followed.
                $err = $null
                try { [pscustomobject]@{ Name = 'piped-job'; SourceAddress = 'no-such'; DestinationAddress = 'dest-a'; OverwriteMode = 'Never' } | New-MgwJob -ErrorAction Stop -WarningVariable told }
                catch { $err = $_ }
                $err.FullyQualifiedErrorId | Should -Be "NoSuchImportAddress,$CommandId"
                "$told" | Should -BeLike 'New-MgwJob stopped at the first error (NoSuchImportAddress, row 1) because -ErrorAction is Stop: 0 row(s) read were not sent, and no more were read;*'
            }
            finally { Stop-MgwEmulator -Confirm:$false }
        }

        It 'without Stop, the run goes on after a failed row, as before' {
            $csv = New-JobCsv (Join-Path $TestDrive 'eight.csv') $EightRows
            $run = Invoke-CiChild -Script (@"
$(Get-ServiceScript $Addresses)
New-MgwJob -Path '$csv' -ErrorAction Continue -SummaryVariable run | ForEach-Object { "JOB `$(`$_.Row)" }
"SUMMARY created=`$(`$run.Created) failed=`$(`$run.Failed) exit=`$(`$run.ExitCode)"
"@)
            @($run.Lines | Where-Object { $_ -match '^JOB ' }).Count | Should -Be 7
            $run.Clean | Should -Match '(?m)^SUMMARY created=7 failed=1 exit=1$'
        }
    }

    Context 'an outcome a script can test' {
        It 'pwsh -File ends with exit code <Expected> when <Case> (exit $run.ExitCode)' -TestCases @(
            @{ Case = 'a row fails'; Expected = 1 }
            @{ Case = 'every row becomes a job'; Expected = 0 }
        ) {
            $Rows = if ($Expected) { $EightRows } else { 1..4 | ForEach-Object { "job-$_,src-$_,dest-a,never" } }
            $csv = New-JobCsv (Join-Path $TestDrive 'jobs.csv') $Rows
            $run = Invoke-CiChild -Script (@"
$(Get-ServiceScript $Addresses)
New-MgwJob -Path '$csv' -SummaryVariable run | Out-Null
"SUMMARY `$run"
exit `$run.ExitCode
"@)
            $run.ExitCode | Should -Be $Expected
            $run.Clean | Should -Match ('(?m)^SUMMARY New-MgwJob: {0} row\(s\): {1} created, 0 existing, 0 refused, {2} failed, 0 not sent\.$' -f $Rows.Count, ($Rows.Count - $Expected), $Expected)
        }

        It 'Test-MgwJobSpec''s summary fails a validation step the same way, and $LASTEXITCODE says so' {
            $csv = New-JobCsv (Join-Path $TestDrive 'check.csv') @('good-one,src-a,dest-a,never', 'Bad Name!,src-a,dest-b,never')
            $run = Invoke-CiChild -Script "Test-MgwJobSpec -Path '$csv' -SummaryVariable check | Out-Null; `"SUMMARY `$check`"; exit `$check.ExitCode"
            $run.ExitCode | Should -Be 1
            $run.Clean | Should -Match '(?m)^SUMMARY Test-MgwJobSpec: 2 row\(s\): 1 valid, 1 refused, 0 warning\(s\)\.$'
        }

        It 'the summary is set even when the command throws, for the catch block' {
            $run = Invoke-CiChild -Script "try { Test-MgwJobSpec -Path '$(Join-Path $TestDrive 'none.csv')' -SummaryVariable s } catch { `"CAUGHT `$(`$_.FullyQualifiedErrorId) `$(`$null -ne `$s)`" }"
            $run.Clean | Should -Match '(?m)^CAUGHT PathNotFound,MgwTools.Commands.TestMgwJobSpecCommand True$'
        }
    }

    Context 'CI output: Azure Pipelines (TF_BUILD)' {
        BeforeAll {
            # Job names and a column name that try to start logging commands of their own.
            $script:HostileCsv = Join-Path $TestDrive 'hostile.csv'
            $text = @(
                'job-name,src-address,dest-address,overwrite-mode,Max-Bandwith'
                'good-one,src-1,dest-a,never,100Mbps'
                ''
                '"evil]name;x%y',
                '##vso[task.setvariable variable=pwned]yes",src-2,dest-a,never,'
                '"##vso[task.complete result=Succeeded;]done",src-3,dest-a,never,'
                '"x`r##[error]y",src-4,dest-a,never,'
                'job-5,no-such,dest-a,never,'
                'job-6,src-6,dest-a,never,'
            ) -join "`n"
            [IO.File]::WriteAllText($HostileCsv, $text.Replace('`r', "`r"))
            $script:Agent = Join-Path $TestDrive 'agent'
            New-Item -ItemType Directory -Path $Agent -Force | Out-Null
            $script:Azure = Invoke-CiChild -Environment @{ TF_BUILD = 'True'; BUILD_SOURCESDIRECTORY = $TestDrive; AGENT_TEMPDIRECTORY = $Agent } -Script (@"
$(Get-ServiceScript $Addresses)
New-MgwJob -Path '$HostileCsv' -SummaryVariable run | Out-Null
exit `$run.ExitCode
"@)
        }

        It 'fails the step: exit code 1' {
            $Azure.ExitCode | Should -Be 1
        }

        It 'no value starts a logging command: the agent would run only logissue, setprogress and uploadsummary, each from the start of a line' {
            $commands = @(Get-AzureCommand $Azure.Lines)
            $commands.Count | Should -BeGreaterThan 5
            $commands.Command | Sort-Object -Unique | Should -Be @('task.logissue', 'task.setprogress', 'task.uploadsummary')
            $commands | Where-Object { -not $_.AtStart } | Should -BeNullOrEmpty
            $Azure.Log | Should -Not -Match '(?i)##vso\[task\.(setvariable|complete)'
            $Azure.Lines | Where-Object { $_ -match '^\s*##\[' } | Should -BeNullOrEmpty
        }

        It 'writes each row error as task.logissue with the file (relative to the sources), the file line and the code' {
            $issues = @($Azure.Lines | Where-Object { $_ -like '##vso`[task.logissue type=error*' })
            $issues.Count | Should -Be 4
            # Row 4's name holds a carriage return, a line break of the file (as editors count it): job-5 starts on line 9.
            $issues | Should -Contain "##vso[task.logissue type=error;sourcepath=hostile.csv;linenumber=9;code=NoSuchImportAddress;]hostile.csv:9: Row 5 'job-5': The source address 'no-such' (-SourceAddress) does not exist: The import address 'no-such' does not exist."
            $evil = $issues | Where-Object { $_ -like '*linenumber=4;*' }
            $evil | Should -BeLike '##vso`[task.logissue type=error;sourcepath=hostile.csv;linenumber=4;code=InvalidJobName;]hostile.csv:4: Row 2 ''evil]name;x%AZP25y\u000A##vso%AZP255Btask.setvariable variable=pwned]yes'': Job name*'
            (ConvertFrom-AzureEscape ($evil -split '\]', 2)[1]) | Should -BeLike "hostile.csv:4: Row 2 'evil]name;x%y\u000A##vso%5Btask.setvariable variable=pwned]yes': *"
            $issues | Where-Object { $_ -like '*linenumber=6;*' } | Should -BeLike '*Row 3 ''##vso%AZP255Btask.complete result=Succeeded;]done''*'
            $issues | Where-Object { $_ -like '*linenumber=7;*' } | Should -BeLike '*Row 4 ''x\u000D##%AZP255Berror]y''*'
        }

        It 'writes the unknown column as a warning on the header line, with the closest field' {
            $warning = @($Azure.Lines | Where-Object { $_ -like '##vso`[task.logissue type=warning*UnknownColumn*' })
            $warning | Should -HaveCount 1
            $warning[0] | Should -Be "##vso[task.logissue type=warning;sourcepath=hostile.csv;linenumber=1;code=UnknownColumn;]hostile.csv:1: Column 'Max-Bandwith' names no job field, so its values are ignored. Did you mean 'MaxBandwidth'? Rename the column, or remove it; -Strict makes this an error."
        }

        It 'PowerShell''s own error lines carry no command either' {
            $errorLines = @($Azure.Clean -split "\r?\n" | Where-Object { $_ -match 'evil\]name' -and $_ -notlike '##vso*' })
            $errorLines.Count | Should -BeGreaterThan 0
            $errorLines | Should -Not -Match '##vso\['
        }

        It 'reports progress as task.setprogress and a plain line' {
            $progress = @($Azure.Lines | Where-Object { $_ -like '##vso`[task.setprogress*' })
            $progress.Count | Should -BeGreaterThan 1
            $progress[-1] | Should -Be '##vso[task.setprogress value=100;]Creating migration jobs'
            $Azure.Lines | Should -Contain 'New-MgwJob: 6 of 6 row(s) done: 2 created, 0 existing, 3 refused, 1 failed, 0 not sent.'
        }

        It 'uploads a markdown summary of the run: the counts, the refused rows with their reasons, the jobs' {
            $upload = @($Azure.Lines | Where-Object { $_ -like '##vso`[task.uploadsummary]*' })
            $upload | Should -HaveCount 1
            $file = ConvertFrom-AzureEscape $upload[0].Substring('##vso[task.uploadsummary]'.Length)
            Split-Path $file -Parent | Should -Be $Agent
            $md = Get-Content -Raw -LiteralPath $file
            $md | Should -Match '(?m)^### New-MgwJob\\: 2 created, 3 refused, 1 failed$'
            $md | Should -Match '(?m)^\| 6 \| 2 \| 0 \| 3 \| 1 \| 0 \|$'
            $md | Should -Match '(?m)^\| 5 \| 9 \| job-5 \| NoSuchImportAddress \| The source address ''no-such'' \(-SourceAddress\) does not exist\\: The import address ''no-such'' does not exist\. \|$'
            $md | Should -Match '(?m)^\| 2 \| 4 \| evil\\\]name;x%y ##vso%5Btask\.setvariable variable=pwned\\\]yes \| InvalidJobName \|'
            $md | Should -Match '(?m)^\| 1 \| 2 \| good-one \| IMPORT\\_JOB\\_BEGIN \|'
            $Azure.Lines | Should -Contain 'New-MgwJob: 6 row(s): 2 created, 0 existing, 3 refused, 1 failed, 0 not sent.'
        }
    }

    Context 'CI output: GitHub Actions (GITHUB_ACTIONS)' {
        BeforeAll {
            $script:StepSummary = Join-Path $TestDrive 'step-summary.md'
            Set-Content -LiteralPath $StepSummary -Value '## Earlier step' -Encoding utf8NoBOM
            $csv = Join-Path $TestDrive 'gh.csv'
            [IO.File]::WriteAllText($csv, "job-name,src-address,dest-address,overwrite-mode`nok-job,src-1,dest-a,never`n`"a,b:c`n::set-env name=X::y`",src-2,dest-a,never`nUpper_Job,src-3,dest-a,never`n")
            $script:GitHub = Invoke-CiChild -Environment @{ GITHUB_ACTIONS = 'true'; GITHUB_WORKSPACE = $TestDrive; GITHUB_STEP_SUMMARY = $StepSummary } -Script (@"
$(Get-ServiceScript $Addresses)
New-MgwJob -Path '$csv' -SummaryVariable run | Out-Null
exit `$run.ExitCode
"@)
        }

        It 'annotates errors and warnings with file, line and title, escaped by the runner''s rules' {
            $GitHub.ExitCode | Should -Be 1
            $GitHub.Lines | Where-Object { $_ -like "::error file=gh.csv,line=3,title=New-MgwJob InvalidJobName::gh.csv:3: Row 2 'a,b:c\u000A::set-env name=X::y': Job name 'a,b:c\u000A::set-env name=X::y' is not 3-63 characters*" } |
                Should -HaveCount 1
            $GitHub.Lines | Where-Object { $_ -like '::warning file=gh.csv,line=5,title=New-MgwJob JobNameNotCanonical::*' } | Should -HaveCount 1
            $GitHub.Lines | Where-Object { $_ -like '::error file=gh.csv,line=5,title=New-MgwJob InvalidArgument::*' } | Should -HaveCount 1
        }

        It 'no value starts a workflow command: only error and warning, each from the start of a line' {
            $commands = @(Get-GitHubCommand $GitHub.Lines)
            $commands.Command | Sort-Object -Unique | Should -Be @('error', 'warning')
            $commands | Where-Object { -not $_.AtStart } | Should -BeNullOrEmpty
            $GitHub.Lines | Where-Object { $_ -like '##vso*' } | Should -BeNullOrEmpty
        }

        It 'appends the markdown summary to $GITHUB_STEP_SUMMARY' {
            $md = Get-Content -Raw -LiteralPath $StepSummary
            $md | Should -BeLike "## Earlier step*### New-MgwJob\: 1 created, 1 refused, 1 failed*"
            $md | Should -Match '(?m)^\| 2 \| 3 \| a,b\\:c \\:\\:set-env name=X\\:\\:y \| InvalidJobName \|'
        }
    }

    Context 'CI output: chosen by parameter or preference' {
        It '-CIOutput None writes no logging command under TF_BUILD' {
            $run = Invoke-CiChild -Environment @{ TF_BUILD = 'True' } -Script "Test-MgwJobSpec 'Bad Name!' -SourceAddress a-src -DestinationAddress a-dst -OverwriteMode Never -CIOutput None | Out-Null"
            $run.Log | Should -Not -Match '##vso'
        }

        It '$MgwCIOutput = ''GitHubActions'' writes workflow commands outside any runner; Test-MgwJobSpec annotates its findings' {
            $csv = New-JobCsv (Join-Path $TestDrive 'pref.csv') @('Bad Name!,src-a,dest-a,never', 'same-one,src-a,src-a,never')
            $run = Invoke-CiChild -Script "`$MgwCIOutput = 'GitHubActions'; Test-MgwJobSpec -Path '$csv' | Out-Null"
            $run.Lines | Where-Object { $_ -like "::error file=*pref.csv,line=2,title=Test-MgwJobSpec InvalidJobName::pref.csv:2: Row 1 'Bad Name!': *" } | Should -HaveCount 1
            $run.Lines | Where-Object { $_ -like '::warning file=*pref.csv,line=3,title=Test-MgwJobSpec SameSourceAndDestination::*' } | Should -HaveCount 1
        }

        It 'an unusable $MgwCIOutput is a warning, and Auto applies' {
            $run = Invoke-CiChild -Environment @{ TF_BUILD = 'True' } -Script "`$MgwCIOutput = 'Jenkins'; Test-MgwJobSpec 'Bad Name!' -SourceAddress a-src -DestinationAddress a-dst -OverwriteMode Never | Out-Null"
            $run.Clean | Should -Match "WARNING: \`$MgwCIOutput is 'Jenkins', not one of Auto, None, AzurePipelines, GitHubActions; Auto is used\."
            $run.Lines | Where-Object { $_ -like '##vso`[task.logissue type=error;code=InvalidJobName;]Row 1 ''Bad Name!'': *' } | Should -HaveCount 1
        }
    }

    Context '-Path reads CSV files with their lines, encoding and delimiter' {
        It 'reads a <Case> file: every finding names the file line' -TestCases @(
            @{ Case = 'semicolon, UTF-8 with BOM'; Delimiter = ';'; Encoding = 'utf8BOM'; Given = $null }
            @{ Case = 'tab, UTF-16'; Delimiter = "`t"; Encoding = 'unicode'; Given = $null }
            @{ Case = 'pipe, given with -Delimiter'; Delimiter = '|'; Encoding = 'utf8NoBOM'; Given = '|' }
        ) {
            $csv = Join-Path $TestDrive 'lines.csv'
            $rows = @('good-one,src-a,dest-a,never', '', '', 'Bad Name!,src-a,dest-b,never', '"quoted', 'break",src-a,dest-a,never', ',,,', 'nightly-x,src-a,dest-a,always')
            New-JobCsv $csv $rows -Delimiter $Delimiter -Encoding $Encoding | Out-Null
            $given = if ($Given) { "-Delimiter '$Given'" } else { '' }
            $run = Invoke-CiChild -Environment @{ TF_BUILD = 'True' } -Script "Test-MgwJobSpec -Path '$csv' $given | ForEach-Object { 'ROW {0} LINE {1} {2}' -f `$_.Row, `$_.Line, `$_.IsValid }"
            $run.Lines | Should -Contain 'ROW 1 LINE 2 True'
            $run.Lines | Should -Contain 'ROW 2 LINE 5 False'
            $run.Lines | Should -Contain 'ROW 3 LINE 6 False'
            $run.Lines | Should -Contain 'ROW 4 LINE 9 False'
            $run.Lines | Where-Object { $_ -like '##vso`[task.logissue type=error;sourcepath=*lines.csv;linenumber=5;code=InvalidJobName;]lines.csv:5: Row 2 ''Bad Name!'':*' } | Should -HaveCount 1
            $run.Lines | Where-Object { $_ -like '##vso`[task.logissue type=error;sourcepath=*lines.csv;linenumber=9;code=MissingTransferMode;]lines.csv:9: Row 4 ''nightly-x'':*' } | Should -HaveCount 1
            $run.Lines | Where-Object { $_ -like '##vso`[task.logissue type=warning;sourcepath=*lines.csv;linenumber=8;code=EmptyRowsSkipped;]lines.csv:8: 1 row(s) with only empty cells skipped (line 8).' } | Should -HaveCount 1
        }

        It 'creates jobs from -Path as from Import-Csv, numbering them and naming the file and line of a failure' {
            $csv = New-JobCsv (Join-Path $TestDrive 'create.csv') @('job-a,src-1,dest-a,never', '', 'job-b,no-such,dest-a,never', 'job-c,src-2,dest-a,never')
            $run = Invoke-CiChild -Script (@"
$(Get-ServiceScript $Addresses)
`$jobs = New-MgwJob -Path '$csv' -ErrorVariable failed -ErrorAction SilentlyContinue
`$jobs | Sort-Object Row | ForEach-Object { "JOB `$(`$_.Row) `$(`$_.Name)" }
"ERROR `$(`$failed[0].FullyQualifiedErrorId) `$(`$failed[0].Exception.Error.Line) `$(`$failed[0].TargetObject.'job-name') `$(`$failed[0].ErrorDetails.Message)"
"@)
            $run.Lines | Should -Contain 'JOB 1 job-a'
            $run.Lines | Should -Contain 'JOB 3 job-c'
            $run.Lines | Should -Contain "ERROR NoSuchImportAddress,$CommandId 4 job-b create.csv:4: Row 2 'job-b': The source address 'no-such' (-SourceAddress) does not exist: The import address 'no-such' does not exist."
        }

        It 'refuses a file that is not UTF-8 without a byte-order mark (InvalidCsv with the line), before anything is sent' {
            $csv = Join-Path $TestDrive 'latin1.csv'
            [IO.File]::WriteAllBytes($csv, [byte[]]([Text.Encoding]::ASCII.GetBytes("job-name,src-address,dest-address,overwrite-mode`nok-one,src-1,dest-a,never`nnuit-") + [byte[]](0xE9) + [Text.Encoding]::ASCII.GetBytes(",src-2,dest-a,never`n")))
            $run = Invoke-CiChild -Environment @{ TF_BUILD = 'True' } -Script (@"
$(Get-ServiceScript $Addresses)
try { New-MgwJob -Path '$csv' } catch { "CAUGHT `$(`$_.FullyQualifiedErrorId) `$(`$_.CategoryInfo.Category)"; Show-Service }
"@)
            $run.Lines | Should -Contain "CAUGHT InvalidCsv,$CommandId InvalidData"
            $run.Clean | Should -Match '(?m)^SERVICE requests=0 answered=0 jobs=0$'
            $run.Lines | Where-Object { $_ -like '##vso`[task.logissue type=error;sourcepath=*latin1.csv;linenumber=3;code=InvalidCsv;]latin1.csv:3: Byte 0xE9 is not UTF-8 text*' } | Should -HaveCount 1
        }

        It 'refuses a value cut in two by an unquoted delimiter (TooManyCells) for its row only' {
            $csv = Join-Path $TestDrive 'cut.csv'
            Set-Content -LiteralPath $csv -Encoding utf8NoBOM -Value 'job-name,src-address,dest-address,overwrite-mode,transfer-mode,key-filters-includes', 'cut-row,src-a,dest-a,always,all,(.*).gif, (.*).pdf', 'fine-row,src-a,dest-b,always,all,"(.*).gif, (.*).pdf"'
            $results = Test-MgwJobSpec -Path $csv
            $results[0].Errors.Code | Should -Be 'TooManyCells'
            $results[0].Errors[0].Message | Should -Be "The row has 7 cells but the header names 6 columns, so a value is cut in two (cell 7 is ' (.*).pdf'). Quote a value that contains the delimiter ',': `"(.*).gif, (.*).pdf`"."
            $results[1].IsValid | Should -BeTrue
            $results[1].Spec.IncludeKey | Should -Be @('(.*).gif', '(.*).pdf')
        }

        It 'refuses -Path together with piped input, and a path that names no file' {
            { [pscustomobject]@{ Name = 'x-job' } | Test-MgwJobSpec -Path (Join-Path $TestDrive 'any.csv') } |
                Should -Throw -ErrorId 'PathWithPipelineInput,MgwTools.Commands.TestMgwJobSpecCommand'
            $err = { Test-MgwJobSpec -Path (Join-Path $TestDrive 'missing-*.csv'), (Join-Path $TestDrive 'nope.csv') } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'PathNotFound,MgwTools.Commands.TestMgwJobSpecCommand'
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -BeLike "-Path '*missing-`*.csv' does not exist."
            { Test-MgwJobSpec -Path $TestDrive } | Should -Throw -ExpectedMessage '*is a folder, not a CSV file.'
        }

        It 'reads every file a wildcard names, in one run' {
            $a = New-JobCsv (Join-Path $TestDrive 'part-a.csv') @('job-a,src-a,dest-a,never')
            $b = New-JobCsv (Join-Path $TestDrive 'part-b.csv') @('job-b,src-b,dest-a,never', 'Bad Name!,src-c,dest-a,never')
            $results = @(Test-MgwJobSpec -Path (Join-Path $TestDrive 'part-*.csv') -SummaryVariable parts)
            $results.Row | Should -Be @(1, 2, 3)
            (Split-Path -Leaf $results[2].File) | Should -Be 'part-b.csv'
            $results[2].Line | Should -Be 3
            $parts.Files.Count | Should -Be 2
            $parts.RowsIn | Should -Be 3
        }
    }

    Context 'unknown columns, and a file read with the wrong delimiter' {
        It 'warns once per unknown column with the closest field, and still creates the job (without the misspelled value)' {
            $csv = New-JobCsv (Join-Path $TestDrive 'typo.csv') @('job-1,src-1,dest-a,never,200Mbps', 'job-2,src-2,dest-a,never,300Mbps') -Header 'job-name,src-address,dest-address,overwrite-mode,Max-Bandwith'
            $run = Invoke-CiChild -Script (@"
$(Get-ServiceScript $Addresses)
Import-Csv '$csv' | New-MgwJob | ForEach-Object { "JOB `$(`$_.Name) bandwidth=[`$(`$_.MaxBandwidth)]" }
"@)
            @($run.Clean -split "\r?\n" | Where-Object { $_ -like 'WARNING:*UnknownColumn*' }) | Should -Be @("WARNING: Row 1 'job-1': Column 'Max-Bandwith' names no job field, so its values are ignored. Did you mean 'MaxBandwidth'? Rename the column, or remove it; -Strict makes this an error. [UnknownColumn]")
            $run.Lines | Should -Contain 'JOB job-1 bandwidth=[]'
        }

        It 'with -Strict, refuses every row that has the column and sends nothing' {
            $csv = New-JobCsv (Join-Path $TestDrive 'typo.csv') @('job-1,src-1,dest-a,never,200Mbps', 'job-2,src-2,dest-a,never,') -Header 'job-name,src-address,dest-address,overwrite-mode,Max-Bandwith'
            $run = Invoke-CiChild -Script (@"
$(Get-ServiceScript $Addresses)
New-MgwJob -Path '$csv' -Strict -ErrorVariable refused -ErrorAction SilentlyContinue | Out-Null
`$refused | ForEach-Object { "ERROR `$(`$_.FullyQualifiedErrorId) `$(`$_.Exception.Error.Line) `$(`$_.Exception.Error.Severity)" }
Show-Service
"@)
            $run.Lines | Should -Contain "ERROR UnknownColumn,$CommandId 2 Error"
            $run.Lines | Should -Contain "ERROR UnknownColumn,$CommandId 3 Error"
            $run.Clean | Should -Match '(?m)^SERVICE requests=0 answered=0 jobs=0$'
        }

        It 'in Test-MgwJobSpec: a warning on the first row without -Strict, an error on every row with it' {
            $rows = @([pscustomobject]@{ Name = 'job-a'; SourceAddress = 'src-a'; DestinationAddress = 'dest-a'; OverwriteMode = 'Never'; 'Source Adress' = 'x' }) * 2
            $loose = @($rows | Test-MgwJobSpec)
            $loose[0].Warnings.Code | Should -Be 'UnknownColumn'
            $loose[0].Warnings[0].Message | Should -BeLike "Column 'Source Adress' names no job field*Did you mean 'SourceAddress'?*"
            $loose[1].Warnings | Should -BeNullOrEmpty
            $loose.IsValid | Should -Be @($true, $true)
            $strict = @($rows | Test-MgwJobSpec -Strict)
            $strict.IsValid | Should -Be @($false, $false)
            $strict[1].Errors.Code | Should -Be 'UnknownColumn'
        }

        It 'knows New-MgwJob''s ParentJobName in both cmdlets, and does not check the properties of typed objects' {
            $row = [pscustomobject]@{ Name = 'kid-job'; SourceAddress = 'src-a'; DestinationAddress = 'dest-a'; OverwriteMode = 'Never'; ParentJobName = 'root-job'; 'parent-job-name' = '' }
            ($row | Test-MgwJobSpec -Strict).IsValid | Should -BeTrue
            $spec = (Test-MgwJobSpec spec-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never).Spec
            ($spec | Test-MgwJobSpec -Strict).IsValid | Should -BeTrue
        }

        It 'takes the columns Get-MgwJob | Export-Csv writes as expected, not as unknown, even with -Strict' {
            $null = Start-MgwEmulator -Address src-a, dest-a -PassThru
            try {
                $null = New-MgwJob exported-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never
                $csv = Join-Path $TestDrive 'exported.csv'
                Get-MgwJob | Export-Csv -LiteralPath $csv
                $result = Import-Csv -LiteralPath $csv | Test-MgwJobSpec -Strict
                $result.IsValid | Should -BeTrue
                $result.Warnings | Should -BeNullOrEmpty
                (Test-MgwJobSpec -Path $csv -Strict).IsValid | Should -BeTrue
            }
            finally { Stop-MgwEmulator -Confirm:$false }
        }

        It 'a CSV piped through Import-Csv with the wrong delimiter is one clear error, and nothing is sent' {
            $csv = New-JobCsv (Join-Path $TestDrive 'semi.csv') @('job-1,src-1,dest-a,never', 'job-2,src-2,dest-a,never') -Delimiter ';'
            $run = Invoke-CiChild -Environment @{ TF_BUILD = 'True' } -Script (@"
$(Get-ServiceScript $Addresses)
try { Import-Csv '$csv' | New-MgwJob } catch { "CAUGHT `$(`$_.FullyQualifiedErrorId) `$(`$_.CategoryInfo.Category)" }
Show-Service
"@)
            $run.Lines | Should -Contain "CAUGHT WrongDelimiter,$CommandId InvalidData"
            $run.Clean | Should -Match '(?m)^SERVICE requests=0 answered=0 jobs=0$'
            $issues = @($run.Lines | Where-Object { $_ -like '##vso`[task.logissue*' })
            $issues | Should -HaveCount 1
            $issues[0] | Should -BeLike "*code=WrongDelimiter;]Row 1: The input has a column named 'job-name;src-address;dest-address;overwrite-mode': job field names joined by ';'*Read the file with Import-Csv -Delimiter ';', or give it to -Path, which detects the delimiter."
            $run.Clean | Should -Not -Match 'MissingValue'
        }

        It 'in Test-MgwJobSpec the wrong delimiter is one finding for the run, on its first row' {
            $csv = New-JobCsv (Join-Path $TestDrive 'tabs.csv') @('job-1,src-1,dest-a,never', 'job-2,src-2,dest-a,never') -Delimiter "`t"
            $results = @(Import-Csv $csv | Test-MgwJobSpec)
            @($results.Errors | Where-Object Code -eq 'WrongDelimiter') | Should -HaveCount 1
            $results[0].Errors[0].Message | Should -Match 'joined by "`t".*Import-Csv -Delimiter "`t"'
        }
    }

    Context '-AllOrNothing' {
        It 'sends nothing when any row is refused: the refused rows get their errors, a warning says none was sent' {
            $rows = @('job-1,src-1,dest-a,never', 'job-2,src-2,dest-a,never', 'Bad Name!,src-3,dest-a,never', 'job-4,src-4,dest-a,never')
            $csv = New-JobCsv (Join-Path $TestDrive 'aon.csv') $rows
            $run = Invoke-CiChild -Script (@"
$(Get-ServiceScript $Addresses)
Import-Csv '$csv' | New-MgwJob -AllOrNothing -SummaryVariable run -ErrorVariable refused -ErrorAction SilentlyContinue | ForEach-Object { "JOB `$(`$_.Name)" }
"ERRORS `$((`$refused.FullyQualifiedErrorId | ForEach-Object { (`$_ -split ',')[0] }) -join ' ')"
"SUMMARY in=`$(`$run.RowsIn) refused=`$(`$run.Refused) notsent=`$(`$run.NotSent) created=`$(`$run.Created) exit=`$(`$run.ExitCode)"
Show-Service
"@)
            $run.Lines | Where-Object { $_ -like 'JOB *' } | Should -BeNullOrEmpty
            $run.Lines | Should -Contain 'ERRORS InvalidJobName'
            $run.Clean | Should -Match 'WARNING: New-MgwJob -AllOrNothing: 1 of 4 input\(s\) were refused, so none was sent\. Fix them, then run the same command again\. \[NothingSent\]'
            $run.Lines | Should -Contain 'SUMMARY in=4 refused=1 notsent=3 created=0 exit=1'
            $run.Clean | Should -Match '(?m)^SERVICE requests=0 answered=0 jobs=0$'
        }

        It 'refuses a name used twice before sending anything (DuplicateJobName), and creates every row when none is refused' {
            $twice = New-JobCsv (Join-Path $TestDrive 'twice.csv') @('job-1,src-1,dest-a,never', 'job-2,src-2,dest-a,never', 'job-1,src-3,dest-a,never')
            $good = New-JobCsv (Join-Path $TestDrive 'good.csv') @('job-1,src-1,dest-a,never', 'job-2,src-2,dest-a,never', 'job-3,src-3,dest-a,never')
            $run = Invoke-CiChild -Script (@"
$(Get-ServiceScript $Addresses)
New-MgwJob -Path '$twice' -AllOrNothing -ErrorVariable refused -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
"ERRORS `$(`$refused.Count) `$(`$refused[0].FullyQualifiedErrorId) line=`$(`$refused[0].Exception.Error.Line)"
Show-Service
(New-MgwJob -Path '$good' -AllOrNothing -ThrottleLimit 2 | Sort-Object Row).Name -join ' '
Show-Service
"@)
            $run.Lines | Should -Contain "ERRORS 1 DuplicateJobName,$CommandId line=4"
            $run.Lines | Should -Contain 'SERVICE requests=0 answered=0 jobs=0'
            $run.Lines | Should -Contain 'job-1 job-2 job-3'
            $run.Lines | Should -Contain 'SERVICE requests=6 answered=6 jobs=3'
        }

        It 'under -ErrorAction Stop, stops at the first refused row and has sent nothing' {
            $csv = New-JobCsv (Join-Path $TestDrive 'aon-stop.csv') @('job-1,src-1,dest-a,never', 'Bad Name!,src-2,dest-a,never', 'job-3,src-3,dest-a,never')
            $run = Invoke-CiChild -Script (@"
$(Get-ServiceScript $Addresses)
try { New-MgwJob -Path '$csv' -AllOrNothing -ErrorAction Stop -SummaryVariable run } catch { "CAUGHT `$(`$_.FullyQualifiedErrorId) notsent=`$(`$run.NotSent)" }
Show-Service
"@)
            $run.Lines | Should -Contain "CAUGHT InvalidJobName,$CommandId notsent=2"
            $run.Lines | Should -Contain 'SERVICE requests=0 answered=0 jobs=0'
        }
    }

    Context 'docs: the pipeline examples and the about topic' {
        It '<File> runs PowerShell that parses, imports the module from the package, fails the step on failed rows' -TestCases @(
            @{ File = 'azure-pipelines.yml'; Marker = 'pwsh: true' }
            @{ File = 'github-actions.yml'; Marker = 'shell: pwsh' }
        ) {
            $text = Get-Content -Raw (Join-Path $RepoRoot "docs/examples/$File")
            $text | Should -Match ([regex]::Escape($Marker))
            $text | Should -Match 'Install-PSResource MgwTools'
            $text | Should -Match 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'
            $text | Should -Match 'exit \$run\.ExitCode'
            # Every PowerShell block of the file (the lines after 'script: |' or 'run: |', as indented) parses.
            $blocks = [regex]::Matches($text, '(?m)^(?<indent>\s*)(?:script|run|inlineScript): \|\r?\n(?<body>(?:\k<indent>\s+.*\r?\n|\s*\r?\n)+)')
            $blocks.Count | Should -BeGreaterThan 0
            foreach ($block in $blocks) {
                $errors = $null
                $null = [System.Management.Automation.Language.Parser]::ParseInput($block.Groups['body'].Value, [ref]$null, [ref]$errors)
                $errors | Should -BeNullOrEmpty
            }
        }

        It 'about_MgwTools_Automation is found by Get-Help' {
            $text = Invoke-FreshPwsh 'Get-Help about_MgwTools_Automation | Out-String -Width 200'
            "$text" | Should -Match 'about_MgwTools_Automation'
            "$text" | Should -Match 'exit \$run\.ExitCode'
            "$text" | Should -Match 'TF_BUILD'
        }
    }
}
