# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# New-MgwJob against the local service (127.0.0.1 only): one job, every service error, CSV input, progress, Ctrl+C.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
    $script:Uuid = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    $script:CommandId = 'MgwTools.Commands.NewMgwJobCommand'

    # A job definition as a CSV row would carry it (mgwutil headers).
    function New-Row([string] $Name, [string] $Src = 'src-a', [string] $Dest = 'dest-a', [hashtable] $More = @{}) {
        $row = [ordered]@{ 'job-name' = $Name; 'src-address' = $Src; 'dest-address' = $Dest; 'overwrite-mode' = 'never' }
        foreach ($k in $More.Keys) { $row[$k] = $More[$k] }
        [pscustomobject]$row
    }

    # Asserts the error record shape of design §4 for a service error.
    function Assert-ServiceError($Record, [string] $Code, [string] $Category, [int] $Status) {
        $Record.FullyQualifiedErrorId | Should -Be "$Code,$script:CommandId"
        $Record.CategoryInfo.Category | Should -Be $Category
        $Record.Exception | Should -BeOfType ([MgwTools.MgwException])
        $Record.Exception.Error.Code | Should -Be $Code
        $Record.Exception.Error.StatusCode | Should -Be $Status
        $Record.Exception.Error.RequestId | Should -Not -BeNullOrEmpty
    }
}

Describe 'New-MgwJob' {
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    Context 'one job typed at the prompt' {
        BeforeEach {
            $svc = Start-MgwEmulator -Address 'oss-src-address', 'oss-dest-address', 'src-a', 'dest-a', 'dest-b' -PassThru
        }

        It 'creates the seed example (mgwutil create-job flags) and returns what mgwutil shows' {
            $before = [DateTimeOffset]::UtcNow.AddSeconds(-5)
            $job = New-MgwJob full-migration-job --src-address oss-src-address -dest-address oss-dest-address -overwrite-mode always `
                -transfer-mode all -start-cron-expression '0 0 2 * * *' -max-schedule-count 10 `
                -key-filters-includes '(.*).gif, (.*).pdf' -last-modified-filters-includes '2025-07-03 00:00:00 > 2025-07-04 00:00:00'
            $job | Should -BeOfType ([MgwTools.MgwJob])
            $job.JobName | Should -Be 'full-migration-job'
            $job.Version | Should -Match $Uuid
            $job.Status | Should -Be 'IMPORT_JOB_BEGIN'
            $job.CreateTime | Should -BeGreaterThan $before
            $job.SrcAddr | Should -Be 'oss-src-address'
            $job.DestAddr | Should -Be 'oss-dest-address'
            $job.IncludeKey | Should -Be @('(.*).gif', '(.*).pdf')
            $job.MaxScheduleCount | Should -Be 10
            $job.Row | Should -BeNullOrEmpty
            $svc.JobCount | Should -Be 1
            $stored = (Invoke-EmulatorRequest -Service $svc -Path '/job/full-migration-job').Xml.ImportJob
            $stored.Version | Should -Be $job.Version
            $stored.ScheduleRule.StartCronExpression | Should -Be '0 0 2 * * *'
        }

        It 'shows a one-line summary with -WhatIf and sends nothing' {
            $out = Invoke-FreshPwsh @'
$svc = Start-MgwEmulator -Address src-a, dest-a -PassThru
New-MgwJob nightly-copy -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Always -TransferMode LastModified -MaxBandwidth 200Mbps -StartCron '0 0 2 * * *' -WhatIf
"requests: $($svc.Stats.Requests) jobs: $($svc.JobCount)"
'@
            $out | Should -Contain "What if: Create migration job 'nightly-copy': src-a -> dest-a, overwrite always, transfer lastmodified, max 200 Mbit/s, start '0 0 2 * * *'."
            $out | Should -Contain 'requests: 0 jobs: 0'
        }

        It 'sends nothing for an invalid spec and writes one error per finding, naming row and rule' {
            $null = New-MgwJob 'bad name!' -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Always -MaxBandwidth fast -ErrorVariable err -ErrorAction SilentlyContinue
            @($err.FullyQualifiedErrorId) | Should -Be @("InvalidBandwidth,$CommandId", "InvalidJobName,$CommandId", "MissingTransferMode,$CommandId")
            $err.CategoryInfo.Category | Select-Object -Unique | Should -Be 'InvalidArgument'
            $err.Exception.Error.Row | Select-Object -Unique | Should -Be 1
            $err[1].ErrorDetails.Message | Should -BeLike "Row 1 'bad name!': Job name 'bad name!' is not 3-63 characters*"
            $err[1].TargetObject.Name | Should -Be 'bad name!'
            $svc.Stats.Requests | Should -Be 0
        }

        It 'warns about a non-canonical name, and the service refuses it with InvalidArgument' {
            $null = New-MgwJob 'Upper_Case_Job' -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never `
                -WarningVariable warn -WarningAction SilentlyContinue -ErrorVariable err -ErrorAction SilentlyContinue
            $warn | Should -HaveCount 1
            "$warn" | Should -BeLike "Row 1 'Upper_Case_Job': *[[]JobNameNotCanonical]"
            $err | Should -HaveCount 1
            Assert-ServiceError $err[0] 'InvalidArgument' 'InvalidArgument' 400
            $err[0].TargetObject.Name | Should -Be 'Upper_Case_Job'
            $svc.JobCount | Should -Be 0
        }

        It 'starts the job with -Start and returns it refreshed' {
            $job = New-MgwJob started-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -Start
            $job.Status | Should -Be 'IMPORT_JOB_LAUNCHING'
            (Invoke-EmulatorRequest -Service $svc -Path '/job/started-job').Xml.ImportJob.Status | Should -Be 'IMPORT_JOB_LAUNCHING'
        }

        It 'resolves -ParentJobName to the parent''s Version with GetJob' {
            $parent = New-MgwJob parent-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never
            $child = New-MgwJob child-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -ParentJobName parent-job
            $child.ParentVersion | Should -Be $parent.Version
            $child.ParentName | Should -Be 'parent-job'
        }

        It 'takes each row''s parent from its parent-job-name cell, or from a script block given to -ParentJobName' {
            $parent = New-MgwJob parent-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never
            $csv = "job-name,src-address,dest-address,overwrite-mode,parent-job-name`nkid-one,src-a,dest-a,never,parent-job`nkid-two,src-a,dest-b,never,"
            $kids = @($csv | ConvertFrom-Csv | New-MgwJob -ThrottleLimit 1 | Sort-Object Name)
            $kids.Name | Should -Be @('kid-one', 'kid-two')
            $kids[0].ParentVersion | Should -Be $parent.Version
            $kids[1].ParentVersion | Should -BeNullOrEmpty
            $rows = @{ Name = 'kid-three'; SourceAddress = 'src-a' }, @{ Name = 'kid-four'; SourceAddress = 'oss-src-address' } |
                ForEach-Object { [pscustomobject]($_ + @{ DestinationAddress = 'dest-a'; OverwriteMode = 'Never' }) }
            $more = @($rows | New-MgwJob -ParentJobName { if ($_.Name -eq 'kid-three') { 'parent-job' } } -ThrottleLimit 1 | Sort-Object Name)
            $more.Name | Should -Be @('kid-four', 'kid-three')
            ($more[0].ParentName, $more[1].ParentName) | Should -Be @($null, 'parent-job')
        }

        It 'refuses -ParentJobName together with -ParentVersion (ParentGivenTwice) and sends no CreateJob' {
            $null = New-MgwJob parent-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never
            $null = New-MgwJob child-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -ParentJobName parent-job `
                -ParentVersion ([guid]::NewGuid()) -ErrorVariable err -ErrorAction SilentlyContinue
            $err.FullyQualifiedErrorId | Should -Be "ParentGivenTwice,$CommandId"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike '*either by name*or by version*'
            $svc.JobCount | Should -Be 1
        }

        It 'returns the existing job with -SkipExisting when the definition is the same, sending no CreateJob' {
            $first = New-MgwJob same-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Always -TransferMode All -MaxBandwidth 1Gbps
            $created = $svc.Stats.JobsCreated
            $again = New-MgwJob same-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Always -TransferMode All -MaxBandwidth 1000000000 -SkipExisting
            $again.Version | Should -Be $first.Version
            $svc.Stats.JobsCreated | Should -Be $created
            $svc.JobCount | Should -Be 1
        }

        It 'reports ImportJobSpecConflict with the differing fields when -SkipExisting finds another definition' {
            $null = New-MgwJob same-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Always -TransferMode All
            $out = New-MgwJob same-job -SourceAddress src-a -DestinationAddress dest-b -OverwriteMode Never -SkipExisting -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -Be "ImportJobSpecConflict,$CommandId"
            $err.CategoryInfo.Category | Should -Be 'ResourceExists'
            $err.Exception.Error.Value | Should -Be @('DestinationAddress', 'OverwriteMode')
            $err.Exception.Message | Should -BeLike '*differs in: DestinationAddress, OverwriteMode)*'
            $err.TargetObject.Name | Should -Be 'same-job'
        }

        It 'uses -Context instead of the session''s context' {
            $context = Get-MgwContext
            Disconnect-Mgw
            $job = New-MgwJob ctx-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -Context $context
            $job.Name | Should -Be 'ctx-job'
            $svc.JobCount | Should -Be 1
        }

        It 'stops with NotConnected when there is no context, after validating' {
            Disconnect-Mgw
            $err = { New-MgwJob lonely-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be "NotConnected,$CommandId"
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        }

        It 'without -Region, the context''s region sets the limits (-Region is the per-call account''s region)' {
            (Get-Command New-MgwJob).Parameters['Region'].ParameterType | Should -Be ([string])
            # cn-hangzhou allows up to 5 Gbps; 6 Gbps is refused before any request.
            $null = New-MgwJob fast-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -MaxBandwidth 6Gibps -ErrorVariable err -ErrorAction SilentlyContinue
            $err.FullyQualifiedErrorId | Should -Be "BandwidthOutOfRange,$CommandId"
            $err.Exception.Message | Should -BeLike '*cn-hangzhou*'
            $svc.Stats.Requests | Should -Be 0
        }
    }

    Context 'network failures' {
        It 'ConnectionFailed when nothing listens at the endpoint: a ConnectionError that says the outcome is unknown' {
            $svc = Start-MgwEmulator -NoConnect -PassThru
            $svc | Stop-MgwEmulator
            Connect-Mgw -AccountId $svc.AccountId -Region $svc.Region -Endpoint $svc.Endpoint -Credential $svc.Credential
            $out = New-MgwJob job-one -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -MaxRetries 0 -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "ConnectionFailed,$CommandId"
            $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $err[0].Exception.Message | Should -BeLike "Row 1 'job-one': Could not reach '127.0.0.1:*' for POST /job (1 attempt): *Whether job 'job-one' was created is not known*-SkipExisting*"
            $err[0].ErrorDetails.Message | Should -BeLike "Row 1 'job-one': Could not reach*"
        }

        It 'RequestTimeout when the service answers later than -TimeoutSec: an OperationTimeout error' {
            $svc = Start-MgwEmulator -Address src-a, dest-a -Latency '2.5s' -PassThru
            $out = New-MgwJob job-one -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -TimeoutSec 1 -MaxRetries 0 -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "RequestTimeout,$CommandId"
            $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $err[0].Exception.Message | Should -BeLike "Row 1 'job-one': '127.0.0.1:*' did not answer POST /job within 1 s (1 attempt).*Whether job 'job-one' was created is not known*"
        }

        It 'InvalidResponse when something else answers at the endpoint (a proxy page): an InvalidResult error' {
            $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
            $listener = [System.Net.HttpListener]::new()
            $listener.Prefixes.Add("http://127.0.0.1:$port/")
            $listener.Start()
            $server = [powershell]::Create().AddScript({
                    param($Listener)
                    $page = [Text.Encoding]::UTF8.GetBytes('<html><body>Sign in to the proxy</body></html>')
                    while ($Listener.IsListening) {
                        try { $context = $Listener.GetContext() } catch { break }
                        $context.Response.ContentType = 'text/html'
                        $context.Response.OutputStream.Write($page, 0, $page.Length)
                        $context.Response.Close()
                    }
                }).AddArgument($listener)
            $null = $server.BeginInvoke()
            try {
                Connect-Mgw -AccountId 1234567890123456 -Region cn-hangzhou -Endpoint "http://127.0.0.1:$port" -AccessKeyId LTAI5tProxyTest00001 `
                    -AccessKeySecret (ConvertTo-SecureString 'not-a-real-secret' -AsPlainText -Force)
                $out = New-MgwJob job-one -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -MaxRetries 0 -ErrorVariable err -ErrorAction SilentlyContinue
            }
            finally {
                $listener.Stop(); $listener.Close(); $server.Dispose()
            }
            $out | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "InvalidResponse,$CommandId"
            $err[0].CategoryInfo.Category | Should -Be 'InvalidResult'
            $err[0].Exception.Message | Should -BeLike "Row 1 'job-one': The answer to GET /job/job-one could not be read: *"
            $err[0].Exception.Error.StatusCode | Should -Be 200
        }
    }

    Context 'service errors, each provoked against the local service' {
        It '<Code> becomes a <Category> error record carrying the service''s MgwError' -TestCases @(
            @{ Code = 'NoSuchImportAddress'; Message = "The destination address 'no-such-address' (-DestinationAddress) does not exist: The import address 'no-such-address' does not exist."; Category = 'ObjectNotFound'; Status = 404; Act = {
                    New-Row 'job-one' 'src-a' 'no-such-address' | New-MgwJob } }
            @{ Code = 'ImportJobAlreadyExist'; Message = "The import job 'job-one' already exists."; Category = 'ResourceExists'; Status = 409; Act = {
                    $null = New-Row 'job-one' | New-MgwJob
                    New-Row 'job-one' | New-MgwJob } }
            @{ Code = 'ImportJobRepeatedOnSameAddress'; Message = "The import job 'job-one' already migrates from 'src-a' to 'dest-a'."; Category = 'ResourceExists'; Status = 409; Act = {
                    $null = New-Row 'job-one' | New-MgwJob
                    New-Row 'job-two' | New-MgwJob } }
            @{ Code = 'ImportJobNumExceed'; Message = "The number of import jobs exceeds the limit of 1 per region."; Category = 'LimitsExceeded'; Status = 400; MaxJobs = 1; Act = {
                    $null = New-Row 'job-one' | New-MgwJob
                    New-Row 'job-two' 'src-a' 'dest-b' | New-MgwJob } }
            @{ Code = 'NoSuchImportJobParent'; Message = "The parent import job with version '*' does not exist."; Category = 'ObjectNotFound'; Status = 404; Act = {
                    New-Row 'job-one' 'src-a' 'dest-a' @{ 'parent-version' = [guid]::NewGuid().ToString() } | New-MgwJob } }
            @{ Code = 'ImportJobDepthExceed'; Message = "The import job would be nested 2 levels deep (parent 'job-two'); the limit is 1."; Category = 'LimitsExceeded'; Status = 400; Act = {
                    $null = New-Row 'job-one' | New-MgwJob
                    $null = New-Row 'job-two' 'src-a' 'dest-a' @{ ParentJobName = 'job-one' } | New-MgwJob
                    New-Row 'job-three' 'src-a' 'dest-a' @{ ParentJobName = 'job-two' } | New-MgwJob } }
            @{ Code = 'NoSuchImportJob'; Message = "The parent job 'no-such-parent' (-ParentJobName) does not exist: *"; Category = 'ObjectNotFound'; Status = 404; Act = {
                    New-Row 'job-one' 'src-a' 'dest-a' @{ ParentJobName = 'no-such-parent' } | New-MgwJob } }
            @{ Code = 'InvalidArgument'; Message = "The job name 'Job_One' is invalid: use 3 to 63 lowercase letters*"; Category = 'InvalidArgument'; Status = 400; Act = {
                    New-Row 'Job_One' | New-MgwJob -WarningAction SilentlyContinue } }
        ) {
            $svc = Start-MgwEmulator -Address 'src-a', 'dest-a', 'dest-b' -MaxJobs ($MaxJobs ?? 500) -PassThru
            $ErrorActionPreference = 'Continue'
            $all = & $Act 2>&1
            $err = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            Assert-ServiceError $err[0] $Code $Category $Status
            # The exception message is the service's, after the row and job it is about.
            $err[0].Exception.Error.Message | Should -BeLike $Message
            $err[0].Exception.Message | Should -BeLike "Row 1 '$($err[0].Exception.Error.JobName)': $Message"
            # The target is the input object itself (the CSV row), and the row is named.
            $err[0].TargetObject | Should -BeOfType ([pscustomobject])
            $err[0].TargetObject.'job-name' | Should -Be $err[0].Exception.Error.JobName
            $err[0].Exception.Error.Row | Should -Be 1
            $err[0].ErrorDetails.Message | Should -BeLike "Row 1 '*': *"
        }

        It '<Code> stops the command (every other row would fail alike) as a <Category> error' -TestCases @(
            @{ Code = 'SignatureDoesNotMatch'; Category = 'PermissionDenied'; Status = 403; Break = 'secret' }
            @{ Code = 'InvalidAccessKeyId'; Category = 'PermissionDenied'; Status = 403; Break = 'key' }
            @{ Code = 'RequestTimeTooSkewed'; Category = 'InvalidOperation'; Status = 403; Break = 'clock' }
        ) {
            $svc = Start-MgwEmulator -Address 'src-a', 'dest-a' -NoConnect -PassThru
            $secret = $svc.Credential.GetNetworkCredential().Password
            $keyId = $svc.AccessKeyId
            if ($Break -eq 'secret') { $secret = $secret.Substring(1) + 'x' }
            if ($Break -eq 'key') { $keyId = 'LTAI' + ('x' * 20) }
            if ($Break -eq 'clock') { $svc.Clock.Advance([TimeSpan]::FromHours(1)) }
            $credential = [pscredential]::new($keyId, (ConvertTo-SecureString $secret -AsPlainText -Force))
            Connect-Mgw -AccountId $svc.AccountId -Region $svc.Region -Endpoint $svc.Endpoint -Credential $credential
            $rows = 1..6 | ForEach-Object { New-Row "job-$_" "src-a" "dest-a" }
            $out = $null
            $thrown = { $script:out = $rows | New-MgwJob -ThrottleLimit 2 } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be "$Code,$CommandId"
            Assert-ServiceError $thrown $Code $Category $Status
            $thrown.TargetObject.'job-name' | Should -BeLike 'job-*'
            $script:out | Should -BeNullOrEmpty
            $svc.JobCount | Should -Be 0
            # It stopped early: not every row was tried.
            $svc.Stats.Count($Code) | Should -BeLessThan 6
        }
    }

    Context 'many jobs from a CSV' {
        It 'creates the valid rows of docs/examples/jobs.csv and names each refused row' {
            $csv = Import-Csv (Join-Path $PSScriptRoot '../docs/examples/jobs.csv')
            $addresses = @($csv.'src-address') + @($csv.'dest-address') | Where-Object { $_ -match '^[a-z0-9][a-z0-9_-]{2,62}$' } | Sort-Object -Unique
            $svc = Start-MgwEmulator -Address $addresses -PassThru
            $expected = @($csv | Test-MgwJobSpec | Where-Object IsValid)
            $jobs = @($csv | New-MgwJob -ErrorVariable err -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
            $jobs.Count | Should -Be $expected.Count
            ($jobs.Row | Sort-Object) | Should -Be ($expected.Row | Sort-Object)
            foreach ($job in $jobs) { $job.Name | Should -Be $csv[$job.Row - 1].'job-name' }
            $refused = @($csv | Test-MgwJobSpec | Where-Object { -not $_.IsValid })
            (@($err.Exception.Error.Row) | Sort-Object -Unique) | Should -Be ($refused.Row | Sort-Object)
            $svc.JobCount | Should -Be $expected.Count
        }

        It 'refuses a row whose columns give one field different values (AmbiguousValue) and creates the others' {
            $svc = Start-MgwEmulator -Address 'src-a', 'src-b', 'dest-a' -PassThru
            $rows = @((New-Row 'clash-row' 'src-a' 'dest-a' @{ SrcAddress = 'src-b' }), (New-Row 'agree-row' 'src-a' 'dest-a' @{ SrcAddress = 'src-a' }))
            $jobs = @($rows | New-MgwJob -ErrorVariable err -ErrorAction SilentlyContinue)
            $jobs.Name | Should -Be 'agree-row'
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "AmbiguousValue,$CommandId"
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].Exception.Error.Field | Should -Be 'SourceAddress'
            $err[0].ErrorDetails.Message | Should -Be "Row 1 'clash-row': SourceAddress is given 2 times with different values: SrcAddress 'src-b', src-address 'src-a'. Give it once (keep one of those columns or parameters), or make the values agree."
            $err[0].TargetObject.'job-name' | Should -Be 'clash-row'
            $svc.JobCount | Should -Be 1
        }

        It 'runs a script block given for a field for each piped row, and refuses one with no piped row' {
            $svc = Start-MgwEmulator -Address 'src-a', 'src-b', 'dest-a' -PassThru
            $rows = 'a', 'b' | ForEach-Object { [pscustomobject]@{ id = "Copy-$_"; from = "src-$_"; 'dest-address' = 'dest-a'; 'overwrite-mode' = 'never' } }
            $jobs = @($rows | New-MgwJob -Name { $_.id.ToLower() } -SourceAddress { $_.from } -CreateReport:{ $_.id -eq 'Copy-b' } -ThrottleLimit 1 -WarningAction SilentlyContinue)
            $jobs.Name | Should -Be @('copy-a', 'copy-b')
            $jobs.SrcAddr | Should -Be @('src-a', 'src-b')
            $jobs.CreateReport | Should -Be @($false, $true)
            $e = { New-MgwJob -Name { $_.id } -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -ErrorAction Stop } | Should -Throw -PassThru
            Assert-ErrorRecord $e -Code ScriptBlockArgumentNoInput -Command New-MgwJob -Category InvalidArgument `
                -Message "Cannot evaluate parameter 'Name' because its argument is specified as a script block and there is no input.*"
            $svc.JobCount | Should -Be 2
        }

        It 'writes jobs in input order with -ThrottleLimit 1, each with its Row' {
            $svc = Start-MgwEmulator -Address 'src-a', 'src-b', 'src-c', 'dest-a' -PassThru
            $jobs = 'src-a', 'src-b', 'src-c' | ForEach-Object { New-Row "job-$_" $_ 'dest-a' } | New-MgwJob -ThrottleLimit 1
            $jobs.Name | Should -Be @('job-src-a', 'job-src-b', 'job-src-c')
            $jobs.Row | Should -Be @(1, 2, 3)
        }

        It 'creates a name used twice in one input once, and says which row had it first' {
            $svc = Start-MgwEmulator -Address 'src-a', 'src-b', 'dest-a' -PassThru
            $jobs = @(
                New-Row 'twin-job' 'src-a' 'dest-a'
                New-Row 'twin-job' 'src-b' 'dest-a'
            ) | New-MgwJob -ErrorVariable err -ErrorAction SilentlyContinue
            @($jobs).Count | Should -Be 1
            $jobs.Row | Should -Be 1
            $err.FullyQualifiedErrorId | Should -Be "DuplicateJobName,$CommandId"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike '*already used by row 1*'
            $err.Exception.Error.Row | Should -Be 2
            $svc.JobCount | Should -Be 1
        }

        It 'creates a parent and its children from one input, children waiting for their parent' {
            $svc = Start-MgwEmulator -Address 'src-a', 'dest-a' -MaxDepth 2 -PassThru
            $jobs = @(
                New-Row 'root-job'
                New-Row 'kid-one' 'src-a' 'dest-a' @{ ParentJobName = 'root-job' }
                New-Row 'kid-two' 'src-a' 'dest-a' @{ ParentJobName = 'root-job' }
                New-Row 'grandkid' 'src-a' 'dest-a' @{ ParentJobName = 'kid-one' }
            ) | New-MgwJob -ThrottleLimit 8
            $byName = @{}; foreach ($j in $jobs) { $byName[$j.Name] = $j }
            $byName.Count | Should -Be 4
            $byName['kid-one'].ParentVersion | Should -Be $byName['root-job'].Version
            $byName['kid-two'].ParentVersion | Should -Be $byName['root-job'].Version
            $byName['grandkid'].ParentVersion | Should -Be $byName['kid-one'].Version
        }

        It 'refuses a child whose parent row failed (ParentNotCreated)' {
            $svc = Start-MgwEmulator -Address 'src-a', 'dest-a' -PassThru
            $null = @(
                New-Row 'root-job' 'src-a' 'missing-address'
                New-Row 'kid-one' 'src-a' 'dest-a' @{ ParentJobName = 'root-job' }
            ) | New-MgwJob -ErrorVariable err -ErrorAction SilentlyContinue
            @($err.FullyQualifiedErrorId | Sort-Object) | Should -Be @("NoSuchImportAddress,$CommandId", "ParentNotCreated,$CommandId")
            $orphan = $err | Where-Object { $_.Exception.Error.Code -eq 'ParentNotCreated' }
            $orphan.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $orphan.Exception.Error.Row | Should -Be 2
            $orphan.Exception.Message | Should -BeLike "*'root-job' (row 1 of this run) was not created*does not exist*"
            $svc.JobCount | Should -Be 0
        }

        It 'refuses a child whose parent row was refused by validation, even when an older job has the parent''s name' {
            $svc = Start-MgwEmulator -Address 'src-a', 'dest-a', 'dest-b' -PassThru
            $older = New-MgwJob 'par-one' -SourceAddress src-a -DestinationAddress dest-b -OverwriteMode Never
            $requests = $svc.Stats.Requests
            $out = @(
                New-Row 'par-one' 'src-a' 'dest-a' @{ 'max-qps' = 'lots' }
                New-Row 'kid-two' 'src-a' 'dest-a' @{ ParentJobName = 'par-one' }
            ) | New-MgwJob -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            @($err.FullyQualifiedErrorId | Sort-Object) | Should -Be @("InvalidValue,$CommandId", "ParentNotCreated,$CommandId")
            $orphan = $err | Where-Object { $_.Exception.Error.Code -eq 'ParentNotCreated' }
            $orphan.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $orphan.Exception.Error.Message | Should -Be "The parent job 'par-one' (row 1 of this run) was refused by validation, so this child was not sent either."
            $svc.JobCount | Should -Be 1
            $svc.Stats.Requests | Should -Be $requests -Because "nothing is sent, and the older '$($older.Name)' is not looked up as the parent"
        }

        It 'with -SkipExisting -Start, starts an existing job that never ran and leaves a started one alone' {
            $svc = Start-MgwEmulator -Address 'src-a', 'src-b', 'dest-a' -PassThru
            $null = New-Row 'idle-job' 'src-a' | New-MgwJob
            $null = New-Row 'busy-job' 'src-b' | New-MgwJob -Start
            $svc.Clock.Advance([TimeSpan]::FromMinutes(5))
            $before = (New-Row 'busy-job' 'src-b' | New-MgwJob -SkipExisting).Status
            $jobs = @(New-Row 'idle-job' 'src-a'; New-Row 'busy-job' 'src-b') | New-MgwJob -SkipExisting -Start -Verbose 4>&1
            $verbose = $jobs | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            $byName = @{}; $jobs | Where-Object { $_ -is [MgwTools.MgwJob] } | ForEach-Object { $byName[$_.Name] = $_ }
            $byName['idle-job'].Status | Should -Be 'IMPORT_JOB_LAUNCHING'
            $byName['busy-job'].Status | Should -Be $before
            @($verbose -like "Row 1 'idle-job': exists with the same definition (returned as it is) and started;*") | Should -HaveCount 1
            $svc.JobCount | Should -Be 2
        }

        It 'does not show a blank -ParentJobName as a parent in the -WhatIf text' {
            $text = Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
New-MgwJob kid-one -SourceAddress a-src -DestinationAddress a-dst -OverwriteMode Never -ParentJobName '   ' -WhatIf
"@
            "$text" | Should -Be "What if: Create migration job 'kid-one': a-src -> a-dst, overwrite never, transfer all."
        }

        It 'paces requests with -MaxRequestsPerSecond and still creates every job' {
            $svc = Start-MgwEmulator -Address 'src-a', 'src-b', 'src-c', 'dest-a' -PassThru
            $jobs = 'src-a', 'src-b', 'src-c' | ForEach-Object { New-Row "job-$_" $_ 'dest-a' } | New-MgwJob -MaxRequestsPerSecond 50 -ThrottleLimit 3
            @($jobs).Count | Should -Be 3
            $svc.Stats.Requests | Should -Be 6
            { New-MgwJob x-job -SourceAddress src-a -DestinationAddress dest-a -OverwriteMode Never -MaxRequestsPerSecond 0 } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,MgwTools.Commands.NewMgwJobCommand'
        }

        It 'reports progress and completes it' {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript(@"
Import-Module '$script:ModuleManifest'
`$svc = Start-MgwEmulator -Address src-a, src-b, src-c, dest-a -PassThru
'src-a', 'src-b', 'src-c' | ForEach-Object { [pscustomobject]@{ Name = "job-`$_"; SourceAddress = `$_; DestinationAddress = 'dest-a'; OverwriteMode = 'Never' } } | New-MgwJob
Stop-MgwEmulator
"@)
                $out = $ps.Invoke()
                $ps.HadErrors | Should -BeFalse
                @($out).Count | Should -Be 3
                $progress = @($ps.Streams.Progress)
                $progress.Activity | Select-Object -Unique | Should -Be 'Creating migration jobs'
                $progress[-1].RecordType | Should -Be 'Completed'
                $progress.StatusDescription | Should -Contain '3 of 3 sent done: 3 created, 0 existing, 0 failed; 0 refused by validation'
            }
            finally { $ps.Dispose() }
        }

        It 'stops cleanly on Ctrl+C: what finished is already in the output, nothing is lost' {
            $svc = Start-MgwEmulator -Address (@('dest-a') + (1..40 | ForEach-Object { "src-$_" })) -Latency '00:00:00.150' -NoConnect -PassThru
            $ps = [powershell]::Create()
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            try {
                $null = $ps.AddScript(@"
Import-Module '$script:ModuleManifest'
Connect-Mgw -AccountId '$($svc.AccountId)' -Region '$($svc.Region)' -Endpoint '$($svc.Endpoint)' -AccessKeyId '$($svc.AccessKeyId)' -AccessKeySecret (ConvertTo-SecureString '$($svc.Credential.GetNetworkCredential().Password)' -AsPlainText -Force)
1..40 | ForEach-Object { [pscustomobject]@{ Name = "job-`$_"; SourceAddress = "src-`$_"; DestinationAddress = 'dest-a'; OverwriteMode = 'Never' } } | New-MgwJob -ThrottleLimit 2
"@)
                $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while ($output.Count -lt 3 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $output.Count | Should -BeGreaterOrEqual 3
                $ps.Stop()
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $done = @($output)
                $done.Count | Should -BeLessThan 40
                # Every job written out exists; at most the rows in flight were created without being written.
                foreach ($job in $done) { (Invoke-EmulatorRequest -Service $svc -Path "/job/$($job.Name)").Status | Should -Be 200 }
                $svc.JobCount | Should -BeGreaterOrEqual $done.Count
                $svc.JobCount | Should -BeLessOrEqual ($done.Count + 2)
            }
            finally { $ps.Dispose() }
        }
    }

    Context 'one bad cell fails one row' {
        It 'refuses a -ParentJobName of <Parent> as InvalidJobName for its row only; the other rows are created' -TestCases @(
            @{ Parent = '..' }
            @{ Parent = 'a/../b' }
            @{ Parent = 'x%2Fy' }
        ) {
            $svc = Start-MgwEmulator -Address 'src-a', 'src-b', 'src-c', 'dest-a' -PassThru
            $jobs = @(
                New-Row 'first-job' 'src-a' 'dest-a'
                New-Row 'odd-child' 'src-b' 'dest-a' @{ ParentJobName = $Parent }
                New-Row 'last-job' 'src-c' 'dest-a'
            ) | New-MgwJob -ErrorVariable err -ErrorAction SilentlyContinue
            @($jobs.Name | Sort-Object) | Should -Be @('first-job', 'last-job')
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "InvalidJobName,$CommandId"
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err[0].Exception.Error.Field | Should -Be 'ParentJobName'
            $err[0].Exception.Error.Row | Should -Be 2
            $err[0].Exception.Message | Should -Be "Row 2 '$($err[0].Exception.Error.JobName)': The parent job name '$Parent' (-ParentJobName) is not a job name: use 3 to 63 letters, digits, '_' or '-'. The row was not sent."
            $svc.JobCount | Should -Be 2
            $svc.Stats.Count('SignatureDoesNotMatch') | Should -Be 0
        }
    }

    Context 'what a job reads like' {
        It 'compares Status with its text, so Where-Object Status -eq works' {
            $svc = Start-MgwEmulator -Address 'src-a', 'src-b', 'dest-a' -PassThru
            $jobs = @(New-Row 'idle-job' 'src-a'; New-Row 'paused-job' 'src-b') | New-MgwJob
            $jobs[0].Status | Should -BeOfType ([MgwTools.MgwJobStatus])
            @($jobs | Where-Object Status -eq IMPORT_JOB_BEGIN) | Should -HaveCount 2
            @($jobs | Where-Object Status -eq 'import_job_begin') | Should -HaveCount 2
            @($jobs | Where-Object Status -eq IMPORT_JOB_SUSPEND) | Should -HaveCount 0
            @($jobs | Where-Object Status -ne IMPORT_JOB_SUSPEND) | Should -HaveCount 2
            @($jobs | Where-Object { $_.Status -like 'IMPORT_JOB_B*' }) | Should -HaveCount 2
            ('IMPORT_JOB_BEGIN' -eq $jobs[0].Status) | Should -BeTrue
            $jobs[0].Status -eq [MgwTools.MgwJobStatus]::Begin | Should -BeTrue
            $seen = switch ($jobs[0].Status) { 'IMPORT_JOB_BEGIN' { 'begin' } default { 'other' } }
            $seen | Should -Be 'begin'
            "$($jobs[0].Status)" | Should -Be 'IMPORT_JOB_BEGIN'
            $jobs[0].Status.IsKnown | Should -BeTrue
            $jobs[0].OverwriteModeText | Should -Be 'never'
            $jobs[0].UnreadValues.Count | Should -Be 0
        }
    }

    Context 'error categories' {
        It '<Code> (HTTP <Status>) is a <Category> error' -TestCases @(
            @{ Code = 'NoSuchImportJob'; Status = 404; Category = 'ObjectNotFound' }
            @{ Code = '404'; Status = 404; Category = 'ObjectNotFound' }
            @{ Code = 'ImportJobAlreadyExist'; Status = 409; Category = 'ResourceExists' }
            @{ Code = 'ImportJobRepeatedOnSameAddress'; Status = 409; Category = 'ResourceExists' }
            @{ Code = 'ImportJobSpecConflict'; Status = $null; Category = 'ResourceExists' }
            @{ Code = 'ImportJobNumExceed'; Status = 400; Category = 'LimitsExceeded' }
            @{ Code = 'ImportJobDepthExceed'; Status = 400; Category = 'LimitsExceeded' }
            @{ Code = 'Throttling'; Status = 400; Category = 'LimitsExceeded' }
            @{ Code = '429'; Status = 429; Category = 'LimitsExceeded' }
            @{ Code = 'RequestTimeTooSkewed'; Status = 403; Category = 'InvalidOperation' }
            @{ Code = 'SignatureDoesNotMatch'; Status = 403; Category = 'PermissionDenied' }
            @{ Code = 'InvalidAccessKeyId'; Status = 403; Category = 'PermissionDenied' }
            @{ Code = 'AccessDenied'; Status = 403; Category = 'PermissionDenied' }
            @{ Code = 'InvalidHeaderValue'; Status = $null; Category = 'PermissionDenied' }
            @{ Code = 'RequestTimeout'; Status = $null; Category = 'OperationTimeout' }
            @{ Code = '408'; Status = 408; Category = 'OperationTimeout' }
            @{ Code = 'InvalidResponse'; Status = 200; Category = 'InvalidResult' }
            @{ Code = 'ConnectionFailed'; Status = $null; Category = 'ConnectionError' }
            @{ Code = 'InternalError'; Status = 500; Category = 'ConnectionError' }
            @{ Code = 'InvalidArgument'; Status = 400; Category = 'InvalidArgument' }
            @{ Code = 'InvalidName'; Status = $null; Category = 'InvalidArgument' }
            @{ Code = 'InvalidJobName'; Status = $null; Category = 'InvalidArgument' }
            @{ Code = 'NoCredentials'; Status = $null; Category = 'AuthenticationError' }
            @{ Code = 'UnsupportedProfileMode'; Status = $null; Category = 'NotImplemented' }
            @{ Code = 'InvalidCredentialsFile'; Status = $null; Category = 'InvalidData' }
            @{ Code = 'InsecureEndpoint'; Status = $null; Category = 'SecurityError' }
            @{ Code = 'NotConnected'; Status = $null; Category = 'InvalidOperation' }
            @{ Code = 'EmulatorPortInUse'; Status = $null; Category = 'ResourceUnavailable' }
            @{ Code = 'EmulatorNotRunning'; Status = $null; Category = 'ObjectNotFound' }
            @{ Code = 'Teapot'; Status = 418; Category = 'NotSpecified' }
        ) {
            $mgwError = [MgwTools.MgwError]::new()
            $mgwError.Code = $Code
            if ($null -ne $Status) { $mgwError.StatusCode = $Status }
            [MgwTools.Commands.ErrorRecords]::CategoryOf($mgwError) | Should -Be $Category
            $record = [MgwTools.Commands.ErrorRecords]::From($mgwError, 'the-input')
            $record.CategoryInfo.Category | Should -Be $Category
            $record.FullyQualifiedErrorId | Should -Be $Code
            $record.TargetObject | Should -Be 'the-input'
        }
    }

    Context 'request lines on the debug stream' {
        BeforeEach { $svc = Start-MgwEmulator -Address 'src-a', 'dest-a', 'dest-b' -PassThru }

        It 'writes one line per request when debug lines are shown: method, path, status, request ID and attempt' {
            $lines = & {
                $DebugPreference = 'Continue'
                New-Row 'debug-job' | New-MgwJob 5>&1
            } | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -like 'MGW *' }
            $lines.Message | Should -HaveCount 2
            $lines[0].Message | Should -Match '^MGW POST /job -> 200 \(request [0-9A-F]+; attempt 1/4; \d+ ms\)$'
            $lines[1].Message | Should -Match '^MGW GET /job/debug-job -> 200 \(request [0-9A-F]+; attempt 1/4; \d+ ms\)$'
        }

        It 'writes none with -Debug:$false, whatever $DebugPreference says' {
            $lines = & {
                $DebugPreference = 'Continue'
                New-Row 'debug-off' | New-MgwJob -Debug:$false 5>&1
            } | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
            $lines | Should -BeNullOrEmpty
            $svc.JobCount | Should -Be 1
        }
    }

    Context 'help and completion' {
        It 'completes -ParentJobName with the service''s job names' {
            $svc = Start-MgwEmulator -Address 'src-a', 'dest-a', 'dest-b' -PassThru
            $null = New-Row 'alpha-job' | New-MgwJob
            $null = New-Row 'beta-job' 'src-a' 'dest-b' | New-MgwJob
            (Complete 'New-MgwJob -ParentJobName ').CompletionText | Should -Be @('alpha-job', 'beta-job')
            (Complete 'New-MgwJob -ParentJobName b').CompletionText | Should -Be @('beta-job')
        }

        It 'completes -SourceAddress with the service''s address names, and nothing when not connected' {
            $svc = Start-MgwEmulator -Address 'src-a', 'dest-a' -PassThru
            (Complete 'New-MgwJob -SourceAddress s').CompletionText | Should -Be @('src-a')
            (Complete 'Test-MgwJobSpec -DestinationAddress ').CompletionText | Should -Be @('dest-a', 'src-a')
            Disconnect-Mgw
            Complete 'New-MgwJob -SourceAddress s' | Should -BeNullOrEmpty
        }
    }
}
