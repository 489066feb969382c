# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Every error the job-lifecycle cmdlets can produce, provoked against the local service (127.0.0.1 only): code
# (FullyQualifiedErrorId starts with it), category, message and target object. Runs move on the service's clock,
# which the tests drive. Runs from src-b and src-c (the "flaky-c" jobs) end with 5% failed files ($svc.SetFailureRate).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
    $script:WholeRun = [TimeSpan]::FromMinutes(2)

    function New-TestJob([string] $Name, [string] $Pair, [switch] $Start, [string] $Source = "src-$Pair") {
        $null = New-MgwJob $Name -SourceAddress $Source -DestinationAddress "dst-$Pair" -OverwriteMode Always -TransferMode All -ErrorAction Stop
        if ($Start) { Start-MgwJob $Name -ErrorAction Stop }
    }
}

Describe 'Job lifecycle errors' {
    BeforeEach {
        $script:svc = Start-MgwEmulator -Address src-a, dst-a, src-b, dst-b, src-c, dst-c -PassThru
        $svc.SetFailureRate('src-b', 0.05)
        $svc.SetFailureRate('src-c', 0.05)
        New-TestJob x-a a
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    Context 'a job the service does not know' {
        It 'NoSuchImportJob from <Command>: ObjectNotFound, names the job, the name is the target, the next name goes on' -TestCases @(
            @{ Command = 'Get-MgwJob'; Extra = @{} }
            @{ Command = 'Start-MgwJob'; Extra = @{} }
            @{ Command = 'Suspend-MgwJob'; Extra = @{} }
            @{ Command = 'Stop-MgwJob'; Extra = @{ Confirm = $false } }
            @{ Command = 'Set-MgwJob'; Extra = @{ MaxQps = 5 } }
            @{ Command = 'Remove-MgwJob'; Extra = @{ Confirm = $false } }
            @{ Command = 'Get-MgwJobHistory'; Extra = @{} }
            @{ Command = 'Get-MgwJobResult'; Extra = @{} }
            @{ Command = 'New-MgwJobReport'; Extra = @{} }
            @{ Command = 'Get-MgwJobReport'; Extra = @{} }
            @{ Command = 'New-MgwRetryJob'; Extra = @{} }
        ) {
            param($Command, $Extra)
            $errors = @()
            & $Command -Name no-such-job, x-a @Extra -ErrorVariable errors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
            $missing = @($errors | Where-Object { $_.TargetObject -eq 'no-such-job' })
            $missing | Should -HaveCount 1
            Assert-ErrorRecord $missing[0] 'NoSuchImportJob' $Command 'ObjectNotFound' "Job 'no-such-job': The specified import job does not exist." 'no-such-job'
            $missing[0].Exception.Error.StatusCode | Should -Be 404
            $missing[0].Exception.Error.RequestId | Should -Not -BeNullOrEmpty
            $missing[0].Exception.Error.JobName | Should -Be 'no-such-job'
        }

        It 'NoSuchImportJob from Wait-MgwJob, which waits for the other jobs' {
            Start-MgwJob x-a
            $svc.Clock.Advance($WholeRun)
            $errors = @()
            $done = Wait-MgwJob no-such-job, x-a -Timeout 30 -PollInterval 0.1 -ErrorVariable errors -ErrorAction SilentlyContinue
            $done.Name | Should -Be 'x-a'
            $errors | Should -HaveCount 1
            Assert-ErrorRecord $errors[0] 'NoSuchImportJob' 'Wait-MgwJob' 'ObjectNotFound' "Job 'no-such-job' does not exist (it was never created, or was deleted while being waited for)." 'no-such-job'
        }

        It 'names the piped job as the target when the job was deleted meanwhile' {
            $stale = Get-MgwJob x-a
            Remove-MgwJob x-a -Confirm:$false
            $svc.Clock.Advance([TimeSpan]::FromMinutes(1))   # past the service's deleting state
            $record = Get-SingleError { $stale | Start-MgwJob }
            Assert-ErrorRecord $record 'NoSuchImportJob' 'Start-MgwJob' 'ObjectNotFound' "Job 'x-a': The specified import job does not exist." $stale
        }

        It 'NoSuchImportJob from Get-MgwJob -Id, naming the ID' {
            $record = Get-SingleError { Get-MgwJob -Id 6af62558-970d-4f44-8663-4e297170fd6a }
            Assert-ErrorRecord $record 'NoSuchImportJob' 'Get-MgwJob' 'ObjectNotFound' "*'6af62558-970d-4f44-8663-4e297170fd6a'*" '6af62558-970d-4f44-8663-4e297170fd6a'
        }
    }

    Context 'Set-MgwJob values' {
        It 'MissingValue without -MaxBandwidth or -MaxQps: stops before any request' {
            $before = $svc.Stats.Requests
            $record = Get-SingleError { Set-MgwJob x-a }
            Assert-ErrorRecord $record 'MissingValue' 'Set-MgwJob' 'InvalidArgument' 'Give -MaxBandwidth, -MaxQps or both*' $null
            $record.Exception.Error.Field | Should -Be 'MaxBandwidth'
            $svc.Stats.Requests | Should -Be $before
        }

        It '<Code> for <Value>: the region''s limit, checked before any request, with the value as target' -TestCases @(
            @{ Code = 'BandwidthOutOfRange'; Parameter = 'MaxBandwidth'; Value = '5Gbps'; Target = 5000000000L; Message = 'MaxBandwidth 5,000,000,000 bit/s is out of range*2,147,483,648 bit/s*cn-hangzhou*' }
            @{ Code = 'BandwidthOutOfRange'; Parameter = 'MaxBandwidth'; Value = '0'; Target = 0L; Message = 'MaxBandwidth 0 bit/s is out of range: it must be above 0*' }
            @{ Code = 'QpsOutOfRange'; Parameter = 'MaxQps'; Value = '5000'; Target = 5000L; Message = 'MaxQps 5,000 is out of range: it must be above 0 and at most 2,000 files per second*' }
            @{ Code = 'QpsOutOfRange'; Parameter = 'MaxQps'; Value = '-1'; Target = -1L; Message = 'MaxQps -1 is out of range*' }
        ) {
            param($Code, $Parameter, $Value, $Target, $Message)
            $before = $svc.Stats.Requests
            $arguments = @{ $Parameter = $Value }
            $record = Get-SingleError { Get-MgwJob x-a | Set-MgwJob @arguments }
            Assert-ErrorRecord $record $Code 'Set-MgwJob' 'InvalidArgument' $Message $Target
            $record.Exception.Error.Field | Should -Be $Parameter
            $svc.Stats.Requests - $before | Should -Be 1 -Because 'only Get-MgwJob was sent'
        }

        It 'a bandwidth text that does not parse is a parameter binding error' {
            $before = $svc.Stats.Requests
            $record = Get-SingleError { Set-MgwJob x-a -MaxBandwidth fast }
            $record.FullyQualifiedErrorId | Should -Be 'ParameterArgumentTransformationError,MgwTools.Commands.SetMgwJobCommand'
            $record.CategoryInfo.Category | Should -Be 'InvalidData'
            $record.Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
            $record.Exception.Message | Should -BeLike "*'fast' is not a bandwidth. Give bit/s as a number, or a value with a unit such as 200Mbps*"
            $record.Exception.ParameterName | Should -Be 'MaxBandwidth'
            $svc.Stats.Requests | Should -Be $before
        }
    }

    Context 'waiting too long' {
        It 'WaitTimeout from Wait-MgwJob: OperationTimeout, one per job still waited for, with its last status' {
            Start-MgwJob x-a
            $errors = @()
            Wait-MgwJob x-a -Timeout 0 -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errors | Should -HaveCount 1
            Assert-ErrorRecord $errors[0] 'WaitTimeout' 'Wait-MgwJob' 'OperationTimeout' "Job 'x-a' did not reach IMPORT_JOB_FINISHED or IMPORT_JOB_INTERRUPTED or IMPORT_JOB_SUSPEND or IMPORT_JOB_CONFIRMED within 0 s (status IMPORT_JOB_LAUNCHING)*" 'x-a'
            $errors[0].Exception.Error.Value | Should -Be 'IMPORT_JOB_LAUNCHING'
            $errors[0].Exception.Error.Field | Should -Be 'Timeout'
        }

        It 'WaitTimeout from Get-MgwJobReport -Wait for a report that cannot finish yet' {
            Start-MgwJob x-a
            New-MgwJobReport x-a | Out-Null
            $job = Get-MgwJob x-a
            $record = Get-SingleError { $job | Get-MgwJobReport -Wait -Timeout 1 -PollInterval 0.2 }
            Assert-ErrorRecord $record 'WaitTimeout' 'Get-MgwJobReport' 'OperationTimeout' "Job 'x-a' did not finish its report within 1 s (status Running)*" $job
        }

        It 'WaitTimeout from Remove-MgwJob -Wait for a job still being deleted' {
            # The local service keeps a deleted job in IMPORT_JOB_DELETING for 5 s of its clock.
            $record = Get-SingleError { Remove-MgwJob x-a -Wait -TimeoutSec 1 -Confirm:$false }
            Assert-ErrorRecord $record 'WaitTimeout' 'Remove-MgwJob' 'OperationTimeout' "Job 'x-a' did not disappear after deletion within 1 s*" 'x-a'
        }
    }

    Context 'runs that are not there or not ready' {
        It 'NoRunYet from <Command> for a job never started: ObjectNotFound, nothing asked of the service but the history' -TestCases @(
            @{ Command = 'Get-MgwJobResult' }
            @{ Command = 'New-MgwJobReport' }
            @{ Command = 'Get-MgwJobReport' }
            @{ Command = 'New-MgwRetryJob' }
        ) {
            param($Command)
            $record = Get-SingleError { & $Command x-a }
            Assert-ErrorRecord $record 'NoRunYet' $Command 'ObjectNotFound' "Job 'x-a' has not run yet, so it has no run to read. Start it (Start-MgwJob)*" 'x-a'
            $record.Exception.Error.Field | Should -Be 'RuntimeId'
            $svc.JobCount | Should -Be 1
        }

        It 'RetryNotReady from New-MgwRetryJob while the run goes on: ResourceUnavailable, naming the run' {
            New-TestJob flaky-c b -Start
            $record = Get-SingleError { New-MgwRetryJob flaky-c }
            Assert-ErrorRecord $record 'RetryNotReady' 'New-MgwRetryJob' 'ResourceUnavailable' "The failed-file list of run 1 of job 'flaky-c' is not ready yet (ReadyRetry = NotReady)*" 'flaky-c'
            $record.Exception.Error.Value | Should -Be 1
            $svc.JobCount | Should -Be 2
        }

        It 'the NoNeed warning from New-MgwRetryJob for a run without failed files, creating nothing' {
            Start-MgwJob x-a
            $svc.Clock.Advance($WholeRun)
            $out = New-MgwRetryJob x-a -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable errors
            $out | Should -BeNullOrEmpty
            $errors | Should -BeNullOrEmpty
            $warned | Should -HaveCount 1
            "$warned" | Should -Be "Run 1 of job 'x-a' has no failed files to migrate again (ReadyRetry = NoNeed): nothing was created."
            $svc.JobCount | Should -Be 1
        }

        It 'the service''s own error for a run the job does not have' {
            Start-MgwJob x-a
            $record = Get-SingleError { Get-MgwJobResult x-a -RuntimeId 9 }
            Assert-ErrorRecord $record 'InvalidArgument' 'Get-MgwJobResult' 'InvalidArgument' "The import job 'x-a' has no run with runtimeId 9." 'x-a'
            $record.Exception.Error.StatusCode | Should -Be 400
        }
    }

    Context 'the service refusing a change' {
        It 'refuses to delete a job with child jobs without -Recurse' {
            $null = New-MgwJob x-a-child -SourceAddress src-b -DestinationAddress dst-b -OverwriteMode Never -ParentJobName x-a
            $record = Get-SingleError { Remove-MgwJob x-a -Confirm:$false }
            Assert-ErrorRecord $record 'InvalidArgument' 'Remove-MgwJob' 'InvalidArgument' "The import job 'x-a' has 1 subtask(s); set forceDelete=true*" 'x-a'
            $record.Exception.Error.StatusCode | Should -Be 400
            $svc.JobCount | Should -Be 2
        }

        It 'refuses to start a job while it is being closed' {
            Start-MgwJob x-a
            Stop-MgwJob x-a -Confirm:$false
            $record = Get-SingleError { Start-MgwJob x-a }
            Assert-ErrorRecord $record 'InvalidArgument' 'Start-MgwJob' 'InvalidArgument' "The job 'x-a' is being closed and cannot be started now." 'x-a'
        }

        It 'refuses to <Action> a job that never ran' -TestCases @(
            @{ Action = 'close'; Command = 'Stop-MgwJob'; Message = "The job 'x-a' has not been started; there is nothing to close." }
            @{ Action = 'suspend'; Command = 'Suspend-MgwJob'; Message = "The job 'x-a' is not running (status IMPORT_JOB_BEGIN); only a running job can be suspended." }
        ) {
            param($Action, $Command, $Message)
            $record = Get-SingleError { & $Command x-a -Confirm:$false }
            Assert-ErrorRecord $record 'InvalidArgument' $Command 'InvalidArgument' $Message 'x-a'
        }
    }

    Context 'retry jobs that cannot be made' {
        It 'SourceCredentialRequired for a source read with an AccessKey pair, and the pair given with -SourceCredential' {
            $secret = 'src-secret-' + [guid]::NewGuid().ToString('N')
            $body = "<ImportAddress><Name>s3-photos</Name><AddressDetail><AddressType>s3</AddressType><Bucket>photos</Bucket>" +
                "<Domain>s3.example.invalid</Domain><AccessId>AKIDPHOTOS</AccessId><AccessSecret>$secret</AccessSecret></AddressDetail></ImportAddress>"
            (Invoke-EmulatorRequest -Service $svc -Method POST -Path '/address' -Body $body).Status | Should -Be 200
            $svc.SetFailureRate('s3-photos', 0.05)
            New-TestJob flaky-c c -Source s3-photos -Start
            $svc.Clock.Advance($WholeRun)

            $record = Get-SingleError { New-MgwRetryJob flaky-c }
            Assert-ErrorRecord $record 'SourceCredentialRequired' 'New-MgwRetryJob' 'InvalidArgument' "The source address 's3-photos' of job 'flaky-c' is of type 's3'*-SourceCredential*" 'flaky-c'
            $svc.Addresses | Should -Not -Contain 'flaky-c-retry-1'

            $credential = [pscredential]::new('AKIDPHOTOS', (ConvertTo-SecureString $secret -AsPlainText -Force))
            $retry = New-MgwRetryJob flaky-c -SourceCredential $credential -Verbose 4>&1
            $shown = ($retry | Out-String) + ($retry | ForEach-Object { "$_" }) -join "`n"
            $shown | Should -Not -Match ([regex]::Escape($secret))
            ($retry | Where-Object { $_ -is [MgwTools.MgwJob] }).Name | Should -Be 'flaky-c-retry-1'
            (Invoke-EmulatorRequest -Service $svc -Path '/address/flaky-c-retry-1').Xml.ImportAddress.AddressDetail.AccessId | Should -Be 'AKIDPHOTOS'
        }

        It 'RetryAddressConflict when an address of the retry''s name is something else: ResourceExists' {
            Stop-AllEmulators
            $script:svc = Start-MgwEmulator -Address src-c, dst-c, flaky-c-retry-1 -PassThru
            $svc.SetFailureRate('src-c', 0.05)
            New-TestJob flaky-c c -Start
            $svc.Clock.Advance($WholeRun)
            $record = Get-SingleError { New-MgwRetryJob flaky-c }
            Assert-ErrorRecord $record 'RetryAddressConflict' 'New-MgwRetryJob' 'ResourceExists' "A data address named 'flaky-c-retry-1' exists already and is not the failed-file list of this run*-NewName*" 'flaky-c'
            $svc.JobCount | Should -Be 1
        }

        It 'ImportJobSpecConflict when the retry job was changed since: ResourceExists, naming the field' {
            New-TestJob flaky-c c -Start
            $svc.Clock.Advance($WholeRun)
            New-MgwRetryJob flaky-c | Out-Null
            Set-MgwJob flaky-c-retry-1 -MaxQps 50
            $record = Get-SingleError { New-MgwRetryJob flaky-c }
            Assert-ErrorRecord $record 'ImportJobSpecConflict' 'New-MgwRetryJob' 'ResourceExists' "Job 'flaky-c-retry-1' already exists with a different definition (differs in: MaxQps)*" 'flaky-c'
        }
    }

    Context 'parameter values' {
        It '<Command> <Parameter> <Value> is a parameter validation error, before any request' -TestCases @(
            @{ Command = 'Get-MgwJobHistory'; Parameter = 'RuntimeId'; Value = 0 }
            @{ Command = 'Get-MgwJobResult'; Parameter = 'RuntimeId'; Value = -1 }
            @{ Command = 'New-MgwJobReport'; Parameter = 'RuntimeId'; Value = 0 }
            @{ Command = 'Get-MgwJobReport'; Parameter = 'Timeout'; Value = 0 }
            @{ Command = 'Get-MgwJobReport'; Parameter = 'PollInterval'; Value = 0 }
            @{ Command = 'Wait-MgwJob'; Parameter = 'Timeout'; Value = -2 }
            @{ Command = 'Wait-MgwJob'; Parameter = 'PollInterval'; Value = 0.01 }
            @{ Command = 'Remove-MgwJob'; Parameter = 'TimeoutSec'; Value = 0 }
            @{ Command = 'New-MgwRetryJob'; Parameter = 'NewName'; Value = 'ab' }
            @{ Command = 'New-MgwRetryJob'; Parameter = 'RuntimeId'; Value = 0 }
        ) {
            param($Command, $Parameter, $Value)
            $before = $svc.Stats.Requests
            $arguments = @{ $Parameter = $Value }
            $record = Get-SingleError { & $Command x-a @arguments }
            $record.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$(Get-CommandId $Command)"
            $record.CategoryInfo.Category | Should -Be 'InvalidData'
            $record.Exception.ParameterName | Should -Be $Parameter
            $svc.Stats.Requests | Should -Be $before
        }
    }

    Context 'the connection' {
        It 'NotConnected from <Command> without a context: InvalidOperation, before any request' -TestCases @(
            @{ Command = 'Get-MgwJob'; Extra = @{} }
            @{ Command = 'Start-MgwJob'; Extra = @{} }
            @{ Command = 'Suspend-MgwJob'; Extra = @{} }
            @{ Command = 'Stop-MgwJob'; Extra = @{ Confirm = $false } }
            @{ Command = 'Set-MgwJob'; Extra = @{ MaxQps = 5 } }
            @{ Command = 'Remove-MgwJob'; Extra = @{ Confirm = $false } }
            @{ Command = 'Wait-MgwJob'; Extra = @{} }
            @{ Command = 'Get-MgwJobHistory'; Extra = @{} }
            @{ Command = 'Get-MgwJobResult'; Extra = @{} }
            @{ Command = 'New-MgwJobReport'; Extra = @{} }
            @{ Command = 'Get-MgwJobReport'; Extra = @{} }
            @{ Command = 'New-MgwRetryJob'; Extra = @{} }
        ) {
            param($Command, $Extra)
            Disconnect-Mgw
            $before = $svc.Stats.Requests
            $record = Get-SingleError { & $Command -Name x-a @Extra }
            Assert-ErrorRecord $record 'NotConnected' $Command 'InvalidOperation' '*not connected*Run Connect-Mgw first*or pass -Context*' $null
            $svc.Stats.Requests | Should -Be $before
        }

        It 'ConnectionFailed ends a wait for many jobs when the listing fails, naming the jobs still awaited' {
            $ctx = Get-MgwContext
            $names = 'w-1', 'w-2', 'w-3', 'w-4', 'w-5', 'w-6', 'w-7', 'w-8'
            Stop-AllEmulators      # nothing listens at the endpoint any more
            $record = Get-SingleError { Wait-MgwJob $names -Context $ctx -PollInterval 0.1 }
            $record.FullyQualifiedErrorId | Should -Be 'ConnectionFailed,MgwTools.Commands.WaitMgwJobCommand'
            $record.CategoryInfo.Category | Should -Be 'ConnectionError'
            $record.Exception.Error.Code | Should -Be 'ConnectionFailed'
            $record.TargetObject | Should -Be $names
        }

        It 'ConnectionFailed for each of a few jobs, each with its own error' {
            $ctx = Get-MgwContext
            Stop-AllEmulators
            $errors = @()
            Wait-MgwJob x-a, x-b -Context $ctx -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errors | Should -HaveCount 2
            $errors.TargetObject | Sort-Object | Should -Be @('x-a', 'x-b')
            $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'ConnectionFailed,MgwTools.Commands.WaitMgwJobCommand' }
        }
    }
}
