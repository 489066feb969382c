# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The job-lifecycle cmdlets against the local service (127.0.0.1 only): every cmdlet's happy path, the pipelines
# (Import-Csv rows, Get-MgwJob objects, the start-and-wait pipeline of issue 11), -WhatIf/-Confirm and -Context.
# Runs move on the service's clock, which the tests drive ($svc.Clock.Advance) instead of sleeping. Runs from the
# source address src-d (the "flaky-*" jobs below) end with 5% failed files ($svc.SetFailureRate); the others fail none.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
    $script:WholeRun = [TimeSpan]::FromMinutes(2)     # launching 5 s + listing 10 s + copying 60 s, with room
    $script:Pairs = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'
    $script:Addresses = foreach ($p in $Pairs) { "src-$p"; "dst-$p" }

    # A job on address pair $Pair ('a' → src-a, dst-a).
    function New-TestJob([string] $Name, [string] $Pair, [switch] $Start, [string] $Parent) {
        $more = @{}
        if ($Parent) { $more.ParentJobName = $Parent }
        $job = New-MgwJob $Name -SourceAddress "src-$Pair" -DestinationAddress "dst-$Pair" -OverwriteMode Always -TransferMode All @more -ErrorAction Stop
        if ($Start) { Start-MgwJob $Name -ErrorAction Stop }
        $job
    }

    # The job as the service holds it now, read past the module (signed request to the emulator).
    function Get-StoredJob([string] $Name) { (Invoke-EmulatorRequest -Service $svc -Path "/job/$Name").Xml.ImportJob }

    # The names of every job the service holds, children included.
    function Get-StoredJobName { @((Invoke-EmulatorRequest -Service $svc -Path '/joblist' -Query @{ all = 'true' }).Xml.ImportJobList.ImportJob | ForEach-Object Name) }

    function Complete-Run { $svc.Clock.Advance($WholeRun) }
}

Describe 'Job lifecycle cmdlets' {
    BeforeEach {
        $script:svc = Start-MgwEmulator -Address $Addresses -PassThru
        $svc.SetFailureRate('src-d', 0.05)
        New-TestJob x-a a | Out-Null
        New-TestJob x-b b | Out-Null
        New-TestJob y-c c | Out-Null
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    Context 'Get-MgwJob' {
        It 'lists every top-level job without a name' {
            $jobs = Get-MgwJob
            $jobs | Should -HaveCount 3
            $jobs | ForEach-Object { $_ | Should -BeOfType ([MgwTools.MgwJob]) }
            $jobs.Name | Should -Be @('x-a', 'x-b', 'y-c')
        }

        It 'gets one job by exact name, and several names in order' {
            $job = Get-MgwJob x-b
            $job.Name | Should -Be 'x-b'
            $job.Version | Should -Be (Get-StoredJob x-b).Version
            (Get-MgwJob y-c, x-a).Name | Should -Be @('y-c', 'x-a')
        }

        It 'filters by wildcards, reading the listing once however many patterns come' {
            $before = $svc.Stats.Requests
            $jobs = [pscustomobject]@{ Name = 'x-*' }, [pscustomobject]@{ JobName = '*-b' }, [pscustomobject]@{ Name = 'nothing-*' } | Get-MgwJob
            $jobs.Name | Should -Be @('x-a', 'x-b', 'x-b')
            $svc.Stats.Requests - $before | Should -Be 1
        }

        It 'gets jobs by ID (-Id) and the children of a job (-ParentName)' {
            $parent = Get-MgwJob x-a
            New-TestJob x-a-child d -Parent x-a | Out-Null
            (Get-MgwJob -Id $parent.Version).Name | Should -Be 'x-a'
            $children = Get-MgwJob -ParentName x-a
            $children.Name | Should -Be 'x-a-child'
            $children.ParentVersion | Should -Be $parent.Version
            (Get-MgwJob).Name | Should -Not -Contain 'x-a-child'
        }
    }

    Context 'Start-, Suspend- and Stop-MgwJob' {
        It 'starts a job: writes nothing, or the refreshed job with -PassThru' {
            Start-MgwJob x-a | Should -BeNullOrEmpty
            (Get-StoredJob x-a).Status | Should -Be 'IMPORT_JOB_LAUNCHING'
            $job = Start-MgwJob x-b -PassThru
            $job.Name | Should -Be 'x-b'
            $job.Status | Should -Be 'IMPORT_JOB_LAUNCHING'
        }

        It 'suspends a running job, and Start-MgwJob resumes the same run' {
            Start-MgwJob x-a
            (Suspend-MgwJob x-a -PassThru).Status | Should -Be 'IMPORT_JOB_SUSPEND'
            (Start-MgwJob x-a -PassThru).Status | Should -Be 'IMPORT_JOB_LAUNCHING'
            (Get-MgwJobHistory x-a).RuntimeId | Select-Object -Unique | Should -Be '1'
        }

        It 'closes a job: the run ends as interrupted' {
            Start-MgwJob x-a
            (Stop-MgwJob x-a -Confirm:$false -PassThru).Status | Should -Be 'IMPORT_JOB_CLOSING'
            Complete-Run
            $last = Get-MgwJobHistory x-a -Latest
            $last.Status | Should -Be 'IMPORT_JOB_FINISHED'
            $last.RuntimeState | Should -Be 'Interrupt'
        }

        It 'starts a finished job again as a new run' {
            Start-MgwJob x-a
            Complete-Run
            Start-MgwJob x-a
            (Get-MgwJobHistory x-a -Latest).RuntimeId | Should -Be '2'
        }
    }

    Context 'Set-MgwJob' {
        It 'sets the bandwidth from friendly text and keeps the QPS it had' {
            Set-MgwJob x-a -MaxQps 300
            $job = Set-MgwJob x-a -MaxBandwidth 500Mbps -PassThru
            $job.MaxBandwidth | Should -Be 500000000
            $job.MaxQps | Should -Be 300
            $stored = Get-StoredJob x-a
            $stored.ImportQos.MaxBandWidth | Should -Be '500000000'
            $stored.ImportQos.MaxImportTaskQps | Should -Be '300'
        }

        It 'sets both values of every piped job, and of a running one' {
            Start-MgwJob x-b
            Get-MgwJob 'x-*' | Set-MgwJob -MaxBandwidth 1Gbps -MaxQps 1000
            foreach ($name in 'x-a', 'x-b') {
                (Get-StoredJob $name).ImportQos.MaxBandWidth | Should -Be '1000000000'
                (Get-StoredJob $name).ImportQos.MaxImportTaskQps | Should -Be '1000'
            }
            (Get-StoredJob y-c).ImportQos | Should -BeNullOrEmpty
        }
    }

    Context 'Remove-MgwJob' {
        It 'deletes a job, and with -Wait returns once the service no longer knows it' {
            Remove-MgwJob x-a -Confirm:$false -Wait -Verbose 4>&1 | ForEach-Object { "$_" } |
                Should -Contain "Job 'x-a' is gone."
            $svc.JobCount | Should -Be 2
            (Invoke-EmulatorRequest -Service $svc -Path '/job/x-a').Code | Should -Be 'NoSuchImportJob'
        }

        It 'deletes a job with its children with -Recurse' {
            New-TestJob x-a-child d -Parent x-a | Out-Null
            Remove-MgwJob x-a -Recurse -Confirm:$false
            (Get-StoredJob x-a).Status | Should -Be 'IMPORT_JOB_DELETING' -Because 'deletion is asynchronous on the service'
            $svc.Clock.Advance([TimeSpan]::FromMinutes(1))
            Get-StoredJobName | Should -Be @('x-b', 'y-c')
        }
    }

    Context 'Wait-MgwJob' {
        It 'waits until started jobs finish and writes each one' {
            Start-MgwJob x-a, x-b
            Complete-Run
            $done = Wait-MgwJob x-a, x-b -Timeout 60 -PollInterval 0.1
            $done.Name | Sort-Object | Should -Be @('x-a', 'x-b')
            $done.Status | Select-Object -Unique | Should -Be 'IMPORT_JOB_FINISHED'
        }

        It 'waits for the states given with -Status, and for a job named twice once' {
            Start-MgwJob x-a
            $svc.Clock.Advance([TimeSpan]::FromSeconds(20))
            $done = Wait-MgwJob x-a, x-a -Status import_job_doing -Timeout 60 -PollInterval 0.1
            $done | Should -HaveCount 1
            $done.Status | Should -Be 'IMPORT_JOB_DOING'
        }

        It 'serves many jobs from one listing per poll' {
            foreach ($p in 'd', 'e', 'f', 'g', 'h', 'i') { New-TestJob "many-$p" $p -Start | Out-Null }
            Start-MgwJob x-a, x-b, y-c
            Complete-Run
            $jobs = Get-MgwJob
            $before = $svc.Stats.Requests
            $done = $jobs | Wait-MgwJob -Timeout 60 -PollInterval 0.1 -ProgressAction SilentlyContinue
            $done | Should -HaveCount 9
            # One listing (a page) for the 9 jobs; progress reads each job's history only while jobs are pending.
            $svc.Stats.Requests - $before | Should -Be 1
        }
    }

    Context 'Get-MgwJobHistory and Get-MgwJobResult' {
        It 'lists the state changes of a run, oldest first, with the counts at each change' {
            Start-MgwJob x-a
            Complete-Run
            $history = Get-MgwJobHistory x-a
            $history.Status | Should -Be @('IMPORT_JOB_LAUNCHING', 'IMPORT_JOB_PREPARING', 'IMPORT_JOB_DOING', 'IMPORT_JOB_FINISHED')
            $history | ForEach-Object { $_ | Should -BeOfType ([MgwTools.MgwJobRun]) }
            $history.RuntimeId | Select-Object -Unique | Should -Be '1'
            $history[-1].TotalCount | Should -BeGreaterThan 0
            $history[-1].CopiedCount | Should -Be $history[-1].TotalCount
            $history[-1].EndTime | Should -Not -BeNullOrEmpty
            $history[0].EndTime | Should -BeNullOrEmpty
        }

        It 'shows the counts of a run growing while it copies: live in Get-MgwJobResult, in the history at each pause' {
            Start-MgwJob x-a
            $svc.Clock.Advance([TimeSpan]::FromSeconds(35))     # 5 s launching, 10 s listing, 20 of 60 s copying
            $early = Get-MgwJobResult x-a
            $svc.Clock.Advance([TimeSpan]::FromSeconds(20))
            $later = Get-MgwJobResult x-a
            Suspend-MgwJob x-a
            $paused = Get-MgwJobHistory x-a -Latest

            $early.ReadyRetry | Should -Be 'NotReady'
            $early.CopiedObjectCount | Should -BeGreaterThan 0
            $later.CopiedObjectCount | Should -BeGreaterThan $early.CopiedObjectCount
            $later.CopiedObjectCount | Should -BeLessThan $later.TotalObjectCount
            $paused.Status | Should -Be 'IMPORT_JOB_SUSPEND'
            $paused.CopiedCount | Should -BeGreaterOrEqual $later.CopiedObjectCount    # the service's clock follows real time too
            $paused.CopiedCount | Should -BeLessThan $paused.TotalCount
        }

        It 'shows the newest history entry''s counts growing while the run copies, without a state change' {
            Start-MgwJob x-a
            $svc.Clock.Advance([TimeSpan]::FromSeconds(35))
            $early = Get-MgwJobHistory x-a -Latest
            $svc.Clock.Advance([TimeSpan]::FromSeconds(20))
            $later = Get-MgwJobHistory x-a -Latest
            $early.Status | Should -Be 'IMPORT_JOB_DOING'
            $early.CopiedCount | Should -BeGreaterThan 0
            $later.CopiedCount | Should -BeGreaterThan $early.CopiedCount
        }

        It 'keeps one run with -RuntimeId and the newest entry with -Latest' {
            Start-MgwJob x-a
            Complete-Run
            Start-MgwJob x-a
            (Get-MgwJobHistory x-a -RuntimeId 1).RuntimeId | Select-Object -Unique | Should -Be '1'
            (Get-MgwJobHistory x-a -RuntimeId 1 -Latest).Status | Should -Be 'IMPORT_JOB_FINISHED'
            (Get-MgwJobHistory x-a -Latest).Status | Should -Be 'IMPORT_JOB_LAUNCHING'
            Get-MgwJobHistory x-b | Should -BeNullOrEmpty
        }

        It 'reads the result of the latest run: NotReady while it runs, NoNeed without failed files' {
            Start-MgwJob x-a
            $running = Get-MgwJobResult x-a
            Complete-Run
            $done = Get-MgwJobResult x-a
            $running.ReadyRetry | Should -Be 'NotReady'
            $done | Should -BeOfType ([MgwTools.MgwJobResult])
            $done.JobName | Should -Be 'x-a'
            $done.RuntimeId | Should -Be 1
            $done.ReadyRetry | Should -Be 'NoNeed'
            $done.FailedObjectCount | Should -Be 0
            $done.CopiedObjectCount | Should -Be $done.TotalObjectCount
        }

        It 'reads ReadyRetry = Ready and where the failed-file list is, for a run with failed files' {
            New-TestJob flaky-c d -Start | Out-Null
            Complete-Run
            $result = Get-MgwJobResult flaky-c -RuntimeId 1
            $result.ReadyRetry | Should -Be 'Ready' -Because "the local service's 'flaky-c' runs end with failed files"
            $result.FailedObjectCount | Should -BeGreaterThan 0
            $result.AddressType | Should -Be 'ossinv'
            $result.InvPath | Should -Not -BeNullOrEmpty
        }
    }

    Context 'New-MgwJobReport and Get-MgwJobReport' {
        It 'asks for the report of the latest run and waits until it is finished' {
            Start-MgwJob x-a
            Complete-Run
            $asked = New-MgwJobReport x-a
            $asked | Should -BeOfType ([MgwTools.MgwReport])
            $asked.JobName | Should -Be 'x-a'
            $asked.RuntimeId | Should -Be 1
            $asked.Status | Should -Be 'Running'
            $svc.Clock.Advance([TimeSpan]::FromSeconds(10))
            $report = Get-MgwJobReport x-a -Wait -Timeout 30 -PollInterval 0.1
            $report.Status | Should -Be 'Finished'
            $report.JobVersion | Should -Be (Get-StoredJob x-a).Version
            $report.FailedListPrefix | Should -Not -BeNullOrEmpty
        }

        It 'reads NotExist when no report was asked for' {
            Start-MgwJob x-b
            (Get-MgwJobReport x-b).Status | Should -Be 'NotExist'
        }
    }

    Context 'New-MgwRetryJob' {
        It 'creates and starts a child job for the failed files, and gives it back when run again' {
            $parent = New-TestJob flaky-c d -Start
            Complete-Run
            $retry = New-MgwRetryJob flaky-c -Start
            $retry.Name | Should -Be 'flaky-c-retry-1'
            $retry.ParentVersion | Should -Be $parent.Version
            $retry.DestinationAddress | Should -Be 'dst-d'
            $retry.SourceAddress | Should -Be 'flaky-c-retry-1'
            $retry.Status | Should -Be 'IMPORT_JOB_LAUNCHING'
            $svc.Addresses | Should -Contain 'flaky-c-retry-1'
            $created = $svc.Stats.JobsCreated

            $again = New-MgwRetryJob flaky-c
            $again.Version | Should -Be $retry.Version
            $svc.Stats.JobsCreated | Should -Be $created
            (Get-MgwJob -ParentName flaky-c).Name | Should -Be 'flaky-c-retry-1'
        }

        It 'names the retry job with -NewName and retries an earlier run with -RuntimeId' {
            New-TestJob flaky-c d -Start | Out-Null
            Complete-Run
            Start-MgwJob flaky-c
            $retry = New-MgwRetryJob flaky-c -RuntimeId 1 -NewName logs-again
            $retry.Name | Should -Be 'logs-again'
            $retry.Status | Should -Be 'IMPORT_JOB_BEGIN'
        }
    }

    Context 'pipelines' {
        It 'takes Import-Csv rows with a Name column into Get-MgwJob, Start-MgwJob and Wait-MgwJob' {
            $csv = Join-Path $TestDrive 'names.csv'
            Set-Content $csv "Name,Owner`nx-a,web`ny-c,ops"
            (Import-Csv $csv | Get-MgwJob).Name | Should -Be @('x-a', 'y-c')
            (Import-Csv $csv | Start-MgwJob -PassThru).Status | Should -Be @('IMPORT_JOB_LAUNCHING', 'IMPORT_JOB_LAUNCHING')
            Complete-Run
            $done = Import-Csv $csv | Wait-MgwJob -Timeout 60 -PollInterval 0.1
            $done.Name | Sort-Object | Should -Be @('x-a', 'y-c')
            $done.Status | Select-Object -Unique | Should -Be 'IMPORT_JOB_FINISHED'
            (Get-StoredJob x-b).Status | Should -Be 'IMPORT_JOB_BEGIN'
        }

        It 'resumes the suspended x-* jobs and waits for them: the pipeline of issue 11' {
            Start-MgwJob x-a, x-b, y-c
            Suspend-MgwJob x-a, y-c
            # The service's clock moves on while the pipeline waits: another thread advances it 5 s at a time
            # (at most 15 minutes in all, the request-date skew the service accepts).
            $driver = Start-ThreadJob -ArgumentList $svc.Clock -ScriptBlock {
                param($clock)
                for ($i = 0; $i -lt 180; $i++) { $clock.Advance([TimeSpan]::FromSeconds(5)); Start-Sleep -Milliseconds 50 }
            }
            try {
                $done = Get-MgwJob -Name 'x-*' | Where-Object Status -eq IMPORT_JOB_SUSPEND | Start-MgwJob -PassThru |
                    Wait-MgwJob -Timeout 120 -PollInterval 0.1 -ProgressAction SilentlyContinue
            }
            finally { $driver | Remove-Job -Force }
            $done.Name | Should -Be 'x-a'
            $done.Status | Should -Be 'IMPORT_JOB_FINISHED'
            (Get-MgwJobHistory x-a).RuntimeId | Select-Object -Unique | Should -Be '1' -Because 'the suspended run was resumed'
        }

        It 'takes Get-MgwJob objects into every job cmdlet' {
            New-TestJob flaky-c d | Out-Null
            Get-MgwJob 'x-*' | Get-MgwJob | ForEach-Object Name | Should -Be @('x-a', 'x-b')
            (Get-MgwJob 'x-*' | Start-MgwJob -PassThru).Status | Should -Be @('IMPORT_JOB_LAUNCHING', 'IMPORT_JOB_LAUNCHING')
            (Get-MgwJob x-a | Suspend-MgwJob -PassThru).Status | Should -Be 'IMPORT_JOB_SUSPEND'
            (Get-MgwJob x-b | Stop-MgwJob -Confirm:$false -PassThru).Status | Should -Be 'IMPORT_JOB_CLOSING'
            (Get-MgwJob x-a | Set-MgwJob -MaxQps 20 -PassThru).MaxQps | Should -Be 20
            (Get-MgwJob x-a | Wait-MgwJob -Timeout 10 -PollInterval 0.1).Status | Should -Be 'IMPORT_JOB_SUSPEND'
            Get-MgwJob flaky-c | Start-MgwJob
            Complete-Run
            (Get-MgwJob flaky-c | Get-MgwJobHistory -Latest).Status | Should -Be 'IMPORT_JOB_FINISHED'
            (Get-MgwJob flaky-c | Get-MgwJobResult).ReadyRetry | Should -Be 'Ready'
            (Get-MgwJob flaky-c | New-MgwJobReport).JobName | Should -Be 'flaky-c'
            (Get-MgwJob flaky-c | Get-MgwJobReport).Status | Should -Be 'Running'
            (Get-MgwJob flaky-c | New-MgwRetryJob).ParentName | Should -Be 'flaky-c'
            Get-MgwJob y-c | Remove-MgwJob -Confirm:$false
            $svc.Clock.Advance([TimeSpan]::FromMinutes(1))   # past the service's deleting state
            Get-StoredJobName | Should -Not -Contain 'y-c'
        }

        It 'binds piped jobs to -InputObject: Set-MgwJob keeps the piped job''s other value without a GetJob' {
            Set-MgwJob x-a -MaxQps 300
            $job = Get-MgwJob x-a
            $before = $svc.Stats.Requests
            $job | Set-MgwJob -MaxBandwidth 1Gbps
            $svc.Stats.Requests - $before | Should -Be 1 -Because 'one UpdateJob, no GetJob'
            (Get-StoredJob x-a).ImportQos.MaxImportTaskQps | Should -Be '300'
            $bound = Get-MgwJob x-a | Start-MgwJob -PassThru -ErrorAction Stop
            $bound.Name | Should -Be 'x-a'
        }

        It 'takes history entries into Get-MgwJobResult and results into New-MgwRetryJob, run numbers included' {
            New-TestJob flaky-c d -Start | Out-Null
            Complete-Run
            Start-MgwJob flaky-c
            $result = Get-MgwJobHistory flaky-c -RuntimeId 1 -Latest | Get-MgwJobResult
            $result.RuntimeId | Should -Be 1
            $result.ReadyRetry | Should -Be 'Ready'
            ($result | New-MgwRetryJob).Name | Should -Be 'flaky-c-retry-1'
        }
    }

    Context '-WhatIf and -Confirm' {
        It '<Command> -WhatIf sends nothing' -TestCases @(
            @{ Command = 'Start-MgwJob'; Extra = @{} }
            @{ Command = 'Suspend-MgwJob'; Extra = @{} }
            @{ Command = 'Stop-MgwJob'; Extra = @{} }
            @{ Command = 'Set-MgwJob'; Extra = @{ MaxBandwidth = '1Gbps' } }
            @{ Command = 'Remove-MgwJob'; Extra = @{ Recurse = $true; Wait = $true } }
            @{ Command = 'New-MgwJobReport'; Extra = @{} }
            @{ Command = 'New-MgwRetryJob'; Extra = @{ Start = $true } }
        ) {
            param($Command, $Extra)
            $before = $svc.Stats.Requests
            & $Command -Name x-a, x-b @Extra -WhatIf | Should -BeNullOrEmpty
            Get-MgwJob 'x-*' | & $Command @Extra -WhatIf | Should -BeNullOrEmpty
            $svc.Stats.Requests - $before | Should -Be 1 -Because 'only the listing of Get-MgwJob was sent'
            $svc.JobCount | Should -Be 3
            (Get-StoredJob x-a).Status | Should -Be 'IMPORT_JOB_BEGIN'
        }

        It 'says what each command would do with -WhatIf' {
            $out = Invoke-FreshPwsh @'
$null = Start-MgwEmulator -Address src-a, dst-a
$null = New-MgwJob x-a -SourceAddress src-a -DestinationAddress dst-a -OverwriteMode Never
Start-MgwJob x-a -WhatIf
Suspend-MgwJob x-a -WhatIf
Stop-MgwJob x-a -WhatIf
Set-MgwJob x-a -MaxBandwidth 200Mbps -MaxQps 50 -WhatIf
Remove-MgwJob x-a -Recurse -WhatIf
New-MgwJobReport x-a -RuntimeId 2 -WhatIf
New-MgwRetryJob x-a -WhatIf
'@
            $out | Should -Be @(
                'What if: Performing the operation "Start migration job" on target "x-a".'
                'What if: Performing the operation "Suspend migration job" on target "x-a".'
                'What if: Performing the operation "Close migration job (this ends the job)" on target "x-a".'
                'What if: Performing the operation "Set throttling (MaxBandwidth 200,000,000 bit/s, MaxQps 50)" on target "x-a".'
                'What if: Performing the operation "Delete migration job and its child jobs" on target "x-a".'
                'What if: Performing the operation "Create the migration report of run 2" on target "x-a".'
                'What if: Performing the operation "Create a job that migrates the failed files of the latest run again" on target "x-a".'
            )
        }

        It 'Stop-MgwJob and Remove-MgwJob have ConfirmImpact High: they ask first, so non-interactively they stop and send nothing' {
            foreach ($command in 'Stop-MgwJob', 'Remove-MgwJob') {
                $attribute = (Get-Command $command).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
                $attribute.ConfirmImpact | Should -Be 'High' -Because $command
            }
            $out = Invoke-FreshPwsh @'
$svc = Start-MgwEmulator -Address src-a, dst-a -PassThru
$null = New-MgwJob x-a -SourceAddress src-a -DestinationAddress dst-a -OverwriteMode Never -Start
$before = $svc.Stats.Requests
foreach ($command in 'Stop-MgwJob', 'Remove-MgwJob') {
    try { & $command x-a -ErrorAction Stop; "$command ran" } catch { "$command $($_.Exception.GetType().Name)" }
}
"requests $($svc.Stats.Requests - $before) jobs $($svc.JobCount)"
Start-MgwJob x-a; "Start-MgwJob ran"
'@
            $out | Should -Be @('Stop-MgwJob PSInvalidOperationException', 'Remove-MgwJob PSInvalidOperationException', 'requests 0 jobs 1', 'Start-MgwJob ran')
        }

        It '<Command> has ConfirmImpact <Impact> and does not ask by default' -TestCases @(
            @{ Command = 'Start-MgwJob'; Impact = 'Medium' }
            @{ Command = 'Suspend-MgwJob'; Impact = 'Medium' }
            @{ Command = 'Set-MgwJob'; Impact = 'Medium' }
            @{ Command = 'New-MgwRetryJob'; Impact = 'Medium' }
            @{ Command = 'New-MgwJobReport'; Impact = 'Low' }
        ) {
            param($Command, $Impact)
            $attribute = (Get-Command $Command).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attribute.ConfirmImpact | Should -Be $Impact
            $attribute.SupportsShouldProcess | Should -BeTrue
        }
    }

    Context 'behaviours of the local service''s run simulation' {
        It 'Remove-MgwJob -Wait waits while the service is still deleting the job' {
            Remove-MgwJob x-a -Confirm:$false
            (Get-MgwJob x-a).Status | Should -Be 'IMPORT_JOB_DELETING'
            Remove-MgwJob x-b -Confirm:$false -Wait -TimeoutSec 60
            Get-StoredJobName | Should -Not -Contain 'x-b'
        }

        It 'Wait-MgwJob follows a job the service starts on its StartCron schedule' {
            # A manual clock: an hour later by the service's clock, requests signed with the real time still count.
            Stop-AllEmulators
            $script:svc = Start-MgwEmulator -Address src-d, dst-d -Clock Manual -PassThru
            $null = New-MgwJob x-sched -SourceAddress src-d -DestinationAddress dst-d -OverwriteMode Never -StartCron '0 0 * * * *'
            $null = $svc.AdvanceClock([TimeSpan]::FromHours(1))
            # The hour passed holds the run the schedule started at the full hour, and its end.
            (Wait-MgwJob x-sched -Timeout 10 -PollInterval 0.1).Status | Should -Be 'IMPORT_JOB_FINISHED'
            (Get-MgwJobHistory x-sched -Latest).RuntimeId | Should -Be '1'
            (Get-MgwJobHistory x-sched -Latest).Operator | Should -Be 'system'
        }

        It 'Get-MgwJobResult and New-MgwRetryJob follow the failure rate the service was started with' {
            Stop-AllEmulators
            $script:svc = Start-MgwEmulator -Address src-a, dst-a -FailureRate 0.01 -PassThru
            New-TestJob x-a a -Start | Out-Null
            Complete-Run
            $result = Get-MgwJobResult x-a
            $result.ReadyRetry | Should -Be 'Ready'
            $result.FailedObjectCount | Should -Be ([math]::Round($result.TotalObjectCount * 0.01, [MidpointRounding]::AwayFromZero))
            (New-MgwRetryJob x-a).ParentName | Should -Be 'x-a'
        }

        It 'Wait-MgwJob -Timeout ends with WaitTimeout while a manual clock stands still' {
            Stop-AllEmulators
            $script:svc = Start-MgwEmulator -Address src-a, dst-a -Clock Manual -PassThru
            New-TestJob x-a a -Start | Out-Null
            Wait-MgwJob x-a -Timeout 1 -PollInterval 0.1 -ErrorAction SilentlyContinue -ErrorVariable late | Should -BeNullOrEmpty
            $late.Exception.Error.Value | Should -Be 'IMPORT_JOB_LAUNCHING'
        }
    }

    Context '-Context' {
        It 'runs every job cmdlet against the context given, without Connect-Mgw' {
            New-TestJob flaky-c d | Out-Null
            $ctx = Get-MgwContext
            Disconnect-Mgw
            { Get-MgwJob -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,*'

            (Get-MgwJob -Context $ctx).Name | Should -Be @('flaky-c', 'x-a', 'x-b', 'y-c')
            Start-MgwJob flaky-c, x-a, x-b -Context $ctx
            Suspend-MgwJob x-a -Context $ctx
            Set-MgwJob x-a -MaxQps 10 -Context $ctx
            Stop-MgwJob x-b -Confirm:$false -Context $ctx
            Complete-Run
            (Wait-MgwJob flaky-c -Timeout 10 -PollInterval 0.1 -Context $ctx).Status | Should -Be 'IMPORT_JOB_FINISHED'
            (Get-MgwJobHistory flaky-c -Latest -Context $ctx).Status | Should -Be 'IMPORT_JOB_FINISHED'
            (Get-MgwJobResult flaky-c -Context $ctx).ReadyRetry | Should -Be 'Ready'
            (New-MgwJobReport flaky-c -Context $ctx).Status | Should -Be 'Running'
            (Get-MgwJobReport flaky-c -Context $ctx).JobName | Should -Be 'flaky-c'
            (New-MgwRetryJob flaky-c -Context $ctx).Name | Should -Be 'flaky-c-retry-1'
            Remove-MgwJob y-c -Confirm:$false -Context $ctx

            (Get-StoredJob x-a).Status | Should -Be 'IMPORT_JOB_SUSPEND'
            (Get-StoredJob x-a).ImportQos.MaxImportTaskQps | Should -Be '10'
            (Get-StoredJob x-b).Status | Should -Be 'IMPORT_JOB_FINISHED'
            $svc.Clock.Advance([TimeSpan]::FromMinutes(1))   # past the service's deleting state
            Get-StoredJobName | Should -Not -Contain 'y-c'
        }

        It 'uses -Context rather than the service the session is connected to' {
            $ctx = Get-MgwContext
            $other = Start-MgwEmulator -Address src-a, dst-a -PassThru
            $other.Connected | Should -BeTrue
            (Get-MgwJob -Context $ctx).Name | Should -Be @('x-a', 'x-b', 'y-c')
            Start-MgwJob x-a -Context $ctx
            (Get-StoredJob x-a).Status | Should -Be 'IMPORT_JOB_LAUNCHING'
            $other.Stats.Requests | Should -Be 0
            Get-MgwJob | Should -BeNullOrEmpty -Because 'the session itself talks to the other, empty service'
        }
    }
}
