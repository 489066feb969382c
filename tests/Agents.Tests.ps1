# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The agent and tunnel cmdlets against the local service (127.0.0.1 only): the activation key, completion, the table
# views, and every error they can produce with its code (FullyQualifiedErrorId starts with it), category, message and
# target object. Each cmdlet's own behaviour is in its <Cmdlet>.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AgentTestKit.ps1') }

AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'Agents' {
    BeforeEach {
        $script:svc = Start-MgwEmulator -Address nas-src, oss-dest -PassThru
        $script:tunnel = New-MgwTunnel 100MB/s 500
        $script:other = New-MgwTunnel
    }
    AfterEach { Stop-AllEmulators }

    It 'keeps the activation key out of every rendering' {
        $agent = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
        $key = Get-Key $agent
        $key | Should -Not -BeNullOrEmpty
        $everything = @(
            $agent | Out-String -Width 400
            $agent | Format-List * -Force | Out-String -Width 400
            $agent | ConvertTo-Json -Depth 5
            $agent | Select-Object * | Out-String -Width 400
            "$agent"
            Get-MgwAgent -Status -Verbose -Debug *>&1 | Out-String -Width 400
        ) -join "`n"
        $everything | Should -Not -Match ([regex]::Escape($key))
        $agent.GetActivationKey().IsReadOnly() | Should -BeTrue
    }
}

Describe 'Completion, output types and views' {
    BeforeAll {
        $script:svc = Start-MgwEmulator -PassThru
        $script:tunnel = New-MgwTunnel 100MB/s 500 -Tag 'team:data'
        $null = New-MgwAgent nas-agent-with-long-name $tunnel.TunnelId -AgentEndpoint Vpc
        $null = New-MgwAgent lab-agent $tunnel.TunnelId -AgentEndpoint Public
    }
    AfterAll { Stop-AllEmulators }

    It 'completes agent names for <Command>' -TestCases @(
        @{ Command = 'Get-MgwAgent' }
        @{ Command = 'Remove-MgwAgent' }
    ) {
        param($Command)
        (Complete "$Command -Name nas").CompletionText | Should -Be 'nas-agent-with-long-name'
        (Complete "$Command ").CompletionText | Should -Contain 'lab-agent'
    }

    It 'completes tunnel IDs for <Command>' -TestCases @(
        @{ Command = 'Get-MgwTunnel -Id ' }
        @{ Command = 'Set-MgwTunnel -Id ' }
        @{ Command = 'Remove-MgwTunnel -Id ' }
        @{ Command = 'New-MgwAgent x -TunnelId ' }
        @{ Command = 'Get-MgwAgent -TunnelId ' }
    ) {
        param($Command)
        (Complete $Command).CompletionText | Should -Be $tunnel.TunnelId
    }

    It 'completes the network type' {
        (Complete 'New-MgwAgent x -AgentEndpoint ').CompletionText | Should -Be @('Public', 'Vpc')
    }

    It '<Command> declares <Type>' -TestCases @(
        @{ Command = 'New-MgwAgent'; Type = 'MgwTools.MgwAgent' }
        @{ Command = 'Get-MgwAgent'; Type = 'MgwTools.MgwAgent' }
        @{ Command = 'New-MgwTunnel'; Type = 'MgwTools.MgwTunnel' }
        @{ Command = 'Get-MgwTunnel'; Type = 'MgwTools.MgwTunnel' }
        @{ Command = 'Set-MgwTunnel'; Type = 'MgwTools.MgwTunnel' }
    ) {
        param($Command, $Type)
        (Get-Command $Command).OutputType.Name | Should -Contain $Type
    }

    It 'the agent table fits 120 columns and keeps name, network and status at 80' {
        $wide = Get-MgwAgent -Status | Format-Table | Out-String -Width 120
        $wide -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
        $wide | Should -Match "nas-agent-with-long-name\s+vpc\s+OK\s+\d{4}-\d\d-\d\d \d\d:\d\d $([regex]::Escape($tunnel.TunnelId))"
        $narrow = Get-MgwAgent -Status | Format-Table | Out-String -Width 80
        $narrow -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $narrow | Should -Match 'lab-agent\s+public\s+OK'
    }

    It 'the tunnel table fits 120 columns, shows limits with units, and keeps ID and limits at 80' {
        $open = New-MgwTunnel
        try {
            $wide = Get-MgwTunnel | Format-Table | Out-String -Width 120
            $wide -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
            $wide | Should -Match "$([regex]::Escape($tunnel.TunnelId))\s+100 MB/s\s+500 team:data"
            $wide | Should -Match "$([regex]::Escape($open.TunnelId))\s+not limited not limited"
            $narrow = Get-MgwTunnel | Format-Table | Out-String -Width 80
            $narrow -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
            $narrow | Should -Match "$([regex]::Escape($tunnel.TunnelId))\s+100 MB/s\s+500"
            (Set-MgwTunnel $open.TunnelId -MaxBandwidth 2GiB/s -PassThru | Format-Table | Out-String) | Should -Match '2 GiB/s'
            (Set-MgwTunnel $open.TunnelId -MaxBandwidth 15MiB/s -PassThru | Format-Table | Out-String) | Should -Match '15 MiB/s'
            (Set-MgwTunnel $open.TunnelId -MaxBandwidth 12345678 -PassThru | Format-Table | Out-String) | Should -Match '12,345,678 B/s'
        }
        finally { $open | Remove-MgwTunnel -Confirm:$false }
    }

    It 'the agent status table shows state, IP and version' {
        $table = (Get-MgwAgent lab-agent -Status).Status | Format-Table | Out-String -Width 120
        $table | Should -Match 'lab-agent\s+OK\s+192\.0\.2\.10\s+2\.3\.1'
    }
}

Describe 'Agent and tunnel errors' {
    BeforeEach {
        $script:svc = Start-MgwEmulator -Address nas-src -MaxAgents 2 -MaxTunnels 3 -PassThru
        $script:tunnel = New-MgwTunnel 100MB/s 500
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    Context 'values checked before any request' {
        It '<Code> from <Command> <Parameter> <Value>: InvalidArgument, the value as target' -TestCases @(
            @{ Command = 'New-MgwTunnel'; Parameter = 'MaxBandwidth'; Value = '10MB/s'; Code = 'BandwidthOutOfRange'; Target = 10000000L
               Message = 'MaxBandwidth 10,000,000 bytes/s is out of range for a tunnel: give 0 (not limited) or at least 10,485,760 bytes/s (10MiB/s; note that 10MB/s is 10,000,000, below it).' }
            @{ Command = 'New-MgwTunnel'; Parameter = 'MaxBandwidth'; Value = -1; Code = 'BandwidthOutOfRange'; Target = -1L
               Message = 'MaxBandwidth -1 bytes/s is out of range for a tunnel*' }
            @{ Command = 'New-MgwTunnel'; Parameter = 'MaxQps'; Value = -1; Code = 'QpsOutOfRange'; Target = -1L
               Message = 'MaxQps -1 is out of range for a tunnel: give 0 (not limited) or a number of files per second above 0.' }
            @{ Command = 'New-MgwTunnel'; Parameter = 'Tag'; Value = 'team data'; Code = 'InvalidTag'; Target = 'team data'
               Message = "Tag: 'team data' is not key:value. Write tags as k1:v1,k2:v2 or as a hashtable @{ k1 = 'v1' }." }
            @{ Command = 'Set-MgwTunnel'; Parameter = 'MaxBandwidth'; Value = '5MB/s'; Code = 'BandwidthOutOfRange'; Target = 5000000L
               Message = 'MaxBandwidth 5,000,000 bytes/s is out of range for a tunnel*' }
            @{ Command = 'Set-MgwTunnel'; Parameter = 'MaxQps'; Value = -3; Code = 'QpsOutOfRange'; Target = -3L
               Message = 'MaxQps -3 is out of range for a tunnel*' }
            @{ Command = 'Set-MgwTunnel'; Parameter = 'Tag'; Value = @{ 'é' = 'x' }; Code = 'InvalidTag'; Target = 'é:x'
               Message = "Tag 'é:x' is not key:value of ASCII letters, digits, '-' and '_'*" }
        ) {
            param($Command, $Parameter, $Value, $Code, $Target, $Message)
            $before = $svc.Stats.Requests
            $arguments = @{ $Parameter = $Value }
            if ($Command -eq 'Set-MgwTunnel') { $arguments.Id = $tunnel.TunnelId }
            $record = Get-SingleError { & $Command @arguments }
            Assert-ErrorRecord $record $Code $Command 'InvalidArgument' $Message $Target
            $record.Exception.Error.Field | Should -Be $Parameter
            $svc.Stats.Requests | Should -Be $before
        }

        It 'InvalidAgentName from New-MgwAgent, the name as target; the next row goes on' {
            $errors = @()
            $made = @(
                [pscustomobject]@{ Name = 'NAS Agent'; TunnelId = $tunnel.TunnelId; AgentEndpoint = 'public' }
                [pscustomobject]@{ Name = 'nas-agent'; TunnelId = $tunnel.TunnelId; AgentEndpoint = 'public' }
            ) | New-MgwAgent -ErrorVariable errors -ErrorAction SilentlyContinue
            $made.Name | Should -Be 'nas-agent'
            $errors | Should -HaveCount 1
            Assert-ErrorRecord $errors[0] 'InvalidAgentName' 'New-MgwAgent' 'InvalidArgument' `
                "'NAS Agent' cannot be the name of an agent (it has characters other than lowercase letters, digits, '-' and '_'): agent names are 3-63 lowercase letters, digits, '-' and '_', not starting with '-' or '_'." 'NAS Agent'
        }

        It 'InvalidTag from New-MgwAgent, sending nothing' {
            $before = $svc.Stats.Requests
            $record = Get-SingleError { New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public -Tag ('k:' + ('v' * 1100)) }
            Assert-ErrorRecord $record 'InvalidTag' 'New-MgwAgent' 'InvalidArgument' 'The tags are 1,102 characters as k1:v1,k2:v2; the service takes at most 1,024. Drop or shorten some.' ('k:' + ('v' * 1100))
            $svc.Stats.Requests | Should -Be $before
        }

        It 'MissingValue from Set-MgwTunnel without anything to change: stops before any request' {
            $before = $svc.Stats.Requests
            $record = Get-SingleError { Set-MgwTunnel $tunnel.TunnelId }
            Assert-ErrorRecord $record 'MissingValue' 'Set-MgwTunnel' 'InvalidArgument' 'Give -MaxBandwidth, -MaxQps, -Tag or several: there is nothing to change.' $null
            $record.Exception.Error.Field | Should -Be 'MaxBandwidth'
            $svc.Stats.Requests | Should -Be $before
        }

        It 'a bandwidth that is not one is a binding error of <Command>' -TestCases @(
            @{ Command = 'New-MgwTunnel' }
            @{ Command = 'Set-MgwTunnel' }
        ) {
            param($Command)
            $arguments = @{ MaxBandwidth = 'fast' }
            if ($Command -eq 'Set-MgwTunnel') { $arguments.Id = $tunnel.TunnelId }
            $record = Get-SingleError { & $Command @arguments }
            $record.FullyQualifiedErrorId | Should -Be "ParameterArgumentTransformationError,$(Get-CommandId $Command)"
            $record.CategoryInfo.Category | Should -Be 'InvalidData'
            $record.Exception.Message | Should -BeLike "*'fast' is not a tunnel bandwidth. Give bytes/s as a whole number (10485760), or a value with a unit such as 100MB/s, 10MiB/s or 800Mbps; 0 means not limited.*"
        }

        It 'a network type or deploy method the API does not have is a binding error of New-MgwAgent' {
            $endpoint = Get-SingleError { New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Internet }
            $endpoint.FullyQualifiedErrorId | Should -Be "CannotConvertArgumentNoMessage,$(Get-CommandId 'New-MgwAgent')"
            $endpoint.Exception.Message | Should -BeLike '*Public*Vpc*'
            $deploy = Get-SingleError { New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public -DeployMethod docker }
            $deploy.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$(Get-CommandId 'New-MgwAgent')"
            $deploy.Exception.Message | Should -BeLike '*"default"*'
        }

        It 'InvalidName from <Command> for an ID or name that cannot be a path segment' -TestCases @(
            @{ Command = 'Get-MgwTunnel'; Arguments = @{ Id = 'a/b' }; Target = 'a/b' }
            @{ Command = 'Remove-MgwAgent'; Arguments = @{ Name = '..'; Confirm = $false }; Target = '..' }
        ) {
            param($Command, $Arguments, $Target)
            $record = Get-SingleError { & $Command @Arguments }
            Assert-ErrorRecord $record 'InvalidName' $Command 'InvalidArgument' '*cannot be sent*' $Target
        }
    }

    Context 'the service refuses' {
        It 'NoSuchImportTunnel from <Command>: ObjectNotFound, the ID as target, the next one goes on' -TestCases @(
            @{ Command = 'Get-MgwTunnel'; Extra = @{} }
            @{ Command = 'Set-MgwTunnel'; Extra = @{ MaxQps = 5 } }
            @{ Command = 'Set-MgwTunnel'; Extra = @{ MaxQps = 5; MaxBandwidth = 0 } }
            @{ Command = 'Remove-MgwTunnel'; Extra = @{ Confirm = $false } }
        ) {
            param($Command, $Extra)
            $missing = '3f0c7d52-0000-4000-8000-000000000000'
            $errors = @()
            & $Command -Id $missing, $tunnel.TunnelId @Extra -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
            $errors | Should -HaveCount 1
            Assert-ErrorRecord $errors[0] 'NoSuchImportTunnel' $Command 'ObjectNotFound' "The import tunnel '$missing' does not exist." $missing
            $errors[0].Exception.Error.StatusCode | Should -Be 404
            $errors[0].Exception.Error.RequestId | Should -Not -BeNullOrEmpty
        }

        It 'NoSuchImportTunnel from <Command> names the piped tunnel deleted meanwhile' -TestCases @(
            @{ Command = 'Set-MgwTunnel'; Extra = @{ MaxQps = 5 } }
            @{ Command = 'Remove-MgwTunnel'; Extra = @{ Confirm = $false } }
        ) {
            param($Command, $Extra)
            $stale = New-MgwTunnel
            Remove-MgwTunnel $stale.TunnelId -Confirm:$false
            $record = Get-SingleError { $stale | & $Command @Extra }
            Assert-ErrorRecord $record 'NoSuchImportTunnel' $Command 'ObjectNotFound' "The import tunnel '$($stale.TunnelId)' does not exist." $stale
        }

        It 'NoSuchImportTunnel from New-MgwAgent names the tunnel; the agent name is the target' {
            $record = Get-SingleError { New-MgwAgent nas-agent 3f0c7d52-0000-4000-8000-000000000000 -AgentEndpoint Public }
            Assert-ErrorRecord $record 'NoSuchImportTunnel' 'New-MgwAgent' 'ObjectNotFound' "The import tunnel '3f0c7d52-0000-4000-8000-000000000000' does not exist." 'nas-agent'
        }

        It 'ImportAgentAlreadyExist from New-MgwAgent: ResourceExists' {
            $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
            $record = Get-SingleError { New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Vpc }
            Assert-ErrorRecord $record 'ImportAgentAlreadyExist' 'New-MgwAgent' 'ResourceExists' "The import agent 'nas-agent' already exists." 'nas-agent'
            $record.Exception.Error.StatusCode | Should -Be 409
        }

        It 'ImportAgentNumExceed and ImportTunnelNumExceed: LimitsExceeded' {
            $null = New-MgwAgent nas-a $tunnel.TunnelId -AgentEndpoint Public
            $null = New-MgwAgent nas-b $tunnel.TunnelId -AgentEndpoint Public
            $agents = Get-SingleError { New-MgwAgent nas-c $tunnel.TunnelId -AgentEndpoint Public }
            Assert-ErrorRecord $agents 'ImportAgentNumExceed' 'New-MgwAgent' 'LimitsExceeded' 'The number of import agents exceeds the limit of 2 per region.' 'nas-c'
            $null = New-MgwTunnel
            $null = New-MgwTunnel
            $tunnels = Get-SingleError { New-MgwTunnel }
            Assert-ErrorRecord $tunnels 'ImportTunnelNumExceed' 'New-MgwTunnel' 'LimitsExceeded' 'The number of import tunnels exceeds the limit of 3 per region.' $null
        }

        It 'NoSuchImportAgent from <Command>: ObjectNotFound, the name as target, the next one goes on' -TestCases @(
            @{ Command = 'Get-MgwAgent'; Extra = @{} }
            @{ Command = 'Get-MgwAgent'; Extra = @{ Status = $true } }
            @{ Command = 'Remove-MgwAgent'; Extra = @{ Confirm = $false } }
        ) {
            param($Command, $Extra)
            $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
            $errors = @()
            & $Command -Name no-such-agent, nas-agent @Extra -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
            $errors | Should -HaveCount 1
            Assert-ErrorRecord $errors[0] 'NoSuchImportAgent' $Command 'ObjectNotFound' "The import agent 'no-such-agent' does not exist." 'no-such-agent'
            $errors[0].Exception.Error.StatusCode | Should -Be 404
        }

        It 'NoSuchImportAgent from Remove-MgwAgent names the piped agent deleted meanwhile' {
            $stale = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
            Remove-MgwAgent nas-agent -Confirm:$false
            $record = Get-SingleError { $stale | Remove-MgwAgent -Confirm:$false }
            Assert-ErrorRecord $record 'NoSuchImportAgent' 'Remove-MgwAgent' 'ObjectNotFound' "The import agent 'nas-agent' does not exist." $stale
        }

        It 'ImportTunnelIsOccupied from Remove-MgwTunnel while an agent uses it: ResourceBusy' {
            $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
            $record = Get-SingleError { $tunnel | Remove-MgwTunnel -Confirm:$false }
            Assert-ErrorRecord $record 'ImportTunnelIsOccupied' 'Remove-MgwTunnel' 'ResourceBusy' "The import tunnel '$($tunnel.TunnelId)' is occupied by import agent 'nas-agent'." $tunnel
            $record.Exception.Error.StatusCode | Should -Be 409
            $svc.GetTunnels().Where({ $_.TunnelId -eq $tunnel.TunnelId }) | Should -HaveCount 1
        }

        It 'ImportAgentIsOccupied from Remove-MgwAgent while a data address lists it: ResourceBusy' {
            $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
            (Invoke-EmulatorRequest -Service $svc -Method PUT -Path /address/nas-src -Body '<ImportAddress><AgentList>nas-agent</AgentList></ImportAddress>').Status | Should -Be 200
            $record = Get-SingleError { Remove-MgwAgent nas-agent -Confirm:$false }
            Assert-ErrorRecord $record 'ImportAgentIsOccupied' 'Remove-MgwAgent' 'ResourceBusy' "The import agent 'nas-agent' is occupied by import address 'nas-src'." 'nas-agent'
            $svc.GetAgents() | Should -HaveCount 1
        }

        It 'SignatureDoesNotMatch from <Command> with a wrong secret: PermissionDenied' -TestCases @(
            @{ Command = 'Get-MgwAgent'; Arguments = @{} }
            @{ Command = 'Get-MgwTunnel'; Arguments = @{} }
            @{ Command = 'New-MgwTunnel'; Arguments = @{} }
        ) {
            param($Command, $Arguments)
            $wrong = Connect-Mgw -AccountId $svc.AccountId -Region $svc.Region -Endpoint $svc.Endpoint -AccessKeyId $svc.AccessKeyId `
                -AccessKeySecret (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force) -PassThru
            $record = Get-SingleError { & $Command @Arguments -Context $wrong }
            Assert-ErrorRecord $record 'SignatureDoesNotMatch' $Command 'PermissionDenied' 'The request signature we calculated does not match the signature you provided. Check your AccessKey secret and signing method.*' $null
        }
    }

    Context 'no service to talk to' {
        # Every agent and tunnel cmdlet, with the arguments it needs to get as far as a request.
        $everyCall = @(
            @{ Command = 'New-MgwTunnel'; Arguments = @{} }
            @{ Command = 'Get-MgwTunnel'; Arguments = @{} }
            @{ Command = 'Set-MgwTunnel'; Arguments = @{ Id = 't'; MaxQps = 1 } }
            @{ Command = 'Remove-MgwTunnel'; Arguments = @{ Id = 't'; Confirm = $false } }
            @{ Command = 'New-MgwAgent'; Arguments = @{ Name = 'nas-agent'; TunnelId = 't'; AgentEndpoint = 'Public' } }
            @{ Command = 'Get-MgwAgent'; Arguments = @{} }
            @{ Command = 'Get-MgwAgent'; Arguments = @{ Name = 'nas-agent'; Status = $true } }
            @{ Command = 'Remove-MgwAgent'; Arguments = @{ Name = 'nas-agent'; Confirm = $false } }
        )

        It 'ConnectionFailed from <Command> when the service does not answer: ConnectionError, naming the endpoint' -TestCases $everyCall {
            param($Command, $Arguments)
            $dead = Start-MgwEmulator -NoConnect -PassThru
            $dead | Stop-MgwEmulator
            $ctx = Connect-Mgw -AccountId $dead.AccountId -Region $dead.Region -Endpoint $dead.Endpoint -Credential $dead.Credential -PassThru
            $record = Get-SingleError { & $Command @Arguments -Context $ctx }
            $record.FullyQualifiedErrorId | Should -Be "ConnectionFailed,$(Get-CommandId $Command)"
            $record.CategoryInfo.Category | Should -Be 'ConnectionError'
            $record.Exception.Error.Code | Should -Be 'ConnectionFailed'
            $record.Exception.Message | Should -BeLike "Could not reach '127.0.0.1:*'*"
        }

        It 'NotConnected from <Command> without a context: InvalidOperation, nothing sent' -TestCases $everyCall {
            param($Command, $Arguments)
            Disconnect-Mgw
            $before = $svc.Stats.Requests
            $record = Get-SingleError { & $Command @Arguments }
            Assert-ErrorRecord $record 'NotConnected' $Command 'InvalidOperation' 'This PowerShell session is not connected to Data Online Migration.*' $null
            $svc.Stats.Requests | Should -Be $before
        }
    }
}
