# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The job-lifecycle cmdlets together against the local service (127.0.0.1 only): the pipelines (Import-Csv rows,
# Get-MgwJob objects, the start-and-wait pipeline of issue 11), -WhatIf/-Confirm and -Context. Each cmdlet's own
# behaviour is in its <Cmdlet>.Tests.ps1.
# Runs move on the service's clock, which the tests drive ($svc.Clock.Advance) instead of sleeping. Runs from the
# source address src-d (the "flaky-*" jobs below) end with 5% failed files ($svc.SetFailureRate); the others fail none.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Job lifecycle cmdlets' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }









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
