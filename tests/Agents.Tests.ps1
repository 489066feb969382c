# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The agent and tunnel cmdlets against the local service (127.0.0.1 only): happy paths, piping, -WhatIf, completion,
# the table views, and every error they can produce with its code (FullyQualifiedErrorId starts with it), category,
# message and target object.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')

    function Get-CommandId([string] $Command) { 'MgwTools.Commands.' + ($Command -replace '-', '') + 'Command' }

    # The error record shape of design §4: id, category, the MgwError on the exception, the message people see
    # (ErrorDetails when set, else the exception's), and the target object.
    function Assert-MgwError($Record, [string] $Code, [string] $Command, [string] $Category, [string] $Message, $Target) {
        $Record | Should -Not -BeNullOrEmpty -Because "$Command should fail with $Code"
        $Record.FullyQualifiedErrorId | Should -Be "$Code,$(Get-CommandId $Command)"
        $Record.CategoryInfo.Category | Should -Be $Category
        $Record.Exception | Should -BeOfType ([MgwTools.MgwException])
        $Record.Exception.Error.Code | Should -Be $Code
        $shown = if ($Record.ErrorDetails) { $Record.ErrorDetails.Message } else { $Record.Exception.Message }
        $shown | Should -BeLike $Message
        if ($null -eq $Target) { $Record.TargetObject | Should -BeNullOrEmpty }
        elseif ($Target -is [string] -or $Target.GetType().IsValueType) { $Record.TargetObject | Should -Be $Target }
        else { [object]::ReferenceEquals($Record.TargetObject, $Target) | Should -BeTrue -Because 'the piped object is the target' }
    }

    # Runs $Script and returns its single error record, terminating or not.
    function Get-SingleError([scriptblock] $Script) {
        $errors = [System.Collections.Generic.List[object]]::new()
        try { & $Script 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $errors.Add($_) } } }
        catch { $errors.Add($_) }
        $errors | Should -HaveCount 1
        $errors[0]
    }

    function Get-Key([MgwTools.MgwAgent] $Agent) { [Net.NetworkCredential]::new('', $Agent.GetActivationKey()).Password }
}

AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'Tunnels' {
    BeforeEach { $script:svc = Start-MgwEmulator -PassThru }
    AfterEach { Stop-AllEmulators }

    It 'New-MgwTunnel creates a tunnel with the limits in bytes/s, converting <Text>' -TestCases @(
        @{ Text = '100MB/s'; Bytes = 100000000L }
        @{ Text = '10MiB/s'; Bytes = 10485760L }
        @{ Text = '800Mbps'; Bytes = 100000000L }
        @{ Text = '10485760'; Bytes = 10485760L }
        @{ Text = 0; Bytes = 0L }
        @{ Text = 1073741824; Bytes = 1073741824L }
    ) {
        param($Text, $Bytes)
        $tunnel = New-MgwTunnel -MaxBandwidth $Text -MaxQps 500
        $tunnel | Should -BeOfType ([MgwTools.MgwTunnel])
        $tunnel.MaxBandwidth | Should -Be $Bytes
        $tunnel.Qos.MaxBandwidth | Should -Be $Bytes
        $tunnel.MaxQps | Should -Be 500
        $held = $svc.GetTunnels()
        $held.TunnelId | Should -Be $tunnel.TunnelId
        $held.MaxBandwidth | Should -Be $Bytes
    }

    It 'New-MgwTunnel without limits, with positional values, and with tags as a hashtable or text' {
        $open = New-MgwTunnel
        ($open.MaxBandwidth, $open.MaxQps) | Should -Be @(0, 0)
        $open.Owner | Should -Be $svc.AccountId
        $open.CreateTime | Should -Not -BeNullOrEmpty
        $positional = New-MgwTunnel 20MiB/s 7 -Tag 'team:data,env:prod'
        ($positional.MaxBandwidth, $positional.MaxQps, $positional.Tags) | Should -Be @(20971520, 7, 'team:data,env:prod')
        (New-MgwTunnel -Tag @{ team = 'ops' }).Tags | Should -Be 'team:ops'
        $svc.GetTunnels() | Should -HaveCount 3
    }

    It 'New-MgwTunnel copies piped tunnels by property name (their limits and tags)' {
        $null = New-MgwTunnel 50MiB/s 9 -Tag 'k:v'
        $copies = Get-MgwTunnel | New-MgwTunnel
        $copies | Should -HaveCount 1
        ($copies.MaxBandwidth, $copies.MaxQps, $copies.Tags) | Should -Be @(52428800, 9, 'k:v')
        $svc.GetTunnels() | Should -HaveCount 2
    }

    It 'New-MgwTunnel -WhatIf says what it would create and sends nothing' {
        $before = $svc.Stats.Requests
        New-MgwTunnel 1GiB/s 5 -WhatIf
        $svc.Stats.Requests | Should -Be $before
        $svc.GetTunnels() | Should -HaveCount 0
    }

    It 'Get-MgwTunnel lists every tunnel, gets one by ID, filters by wildcard, and follows pages' {
        Stop-AllEmulators
        $script:svc = Start-MgwEmulator -MaxPageSize 1 -PassThru
        $a = New-MgwTunnel 10MiB/s
        $b = New-MgwTunnel
        $c = New-MgwTunnel
        $ids = [string[]]@($a, $b, $c).TunnelId
        [Array]::Sort($ids, [StringComparer]::Ordinal)
        (Get-MgwTunnel).TunnelId | Should -Be $ids
        (Get-MgwTunnel $b.TunnelId).TunnelId | Should -Be $b.TunnelId
        (Get-MgwTunnel -Id ($a.TunnelId.Substring(0, 8) + '*')).TunnelId | Should -Be $a.TunnelId
        (Get-MgwTunnel -Id 'zz*') | Should -BeNullOrEmpty
        ($a, $b | Get-MgwTunnel).TunnelId | Should -Be @($a.TunnelId, $b.TunnelId)
    }

    It 'Set-MgwTunnel changes one limit and keeps the other, changes tags, and -PassThru writes the result' {
        $t = New-MgwTunnel 100MB/s 500
        $null = Set-MgwTunnel -Id $t.TunnelId -MaxQps 20
        $after = Get-MgwTunnel $t.TunnelId
        ($after.MaxBandwidth, $after.MaxQps) | Should -Be @(100000000, 20)
        $passed = $after | Set-MgwTunnel -MaxBandwidth 0 -PassThru
        ($passed.MaxBandwidth, $passed.MaxQps) | Should -Be @(0, 20)
        $tagged = Set-MgwTunnel $t.TunnelId -Tag @{ team = 'ops' } -PassThru
        ($tagged.Tags, $tagged.MaxBandwidth, $tagged.MaxQps) | Should -Be @('team:ops', 0, 20)
        $both = Set-MgwTunnel $t.TunnelId -MaxBandwidth 1GiB/s -MaxQps 0 -PassThru
        ($both.MaxBandwidth, $both.MaxQps) | Should -Be @(1073741824, 0)
    }

    It 'Set-MgwTunnel -WhatIf changes nothing' {
        $t = New-MgwTunnel 100MB/s 500
        $before = $svc.Stats.Requests
        Get-MgwTunnel | Set-MgwTunnel -MaxQps 1 -WhatIf
        $svc.Stats.Requests | Should -Be ($before + 1)   # the listing only
        (Get-MgwTunnel $t.TunnelId).MaxQps | Should -Be 500
    }

    It 'Remove-MgwTunnel deletes by ID and from the pipeline; -WhatIf deletes nothing' {
        $a = New-MgwTunnel
        $b = New-MgwTunnel
        $a | Remove-MgwTunnel -WhatIf
        $svc.GetTunnels() | Should -HaveCount 2
        $a | Remove-MgwTunnel -Confirm:$false
        Remove-MgwTunnel $b.TunnelId -Confirm:$false
        $svc.GetTunnels() | Should -HaveCount 0
    }
}

Describe 'Agents' {
    BeforeEach {
        $script:svc = Start-MgwEmulator -Address nas-src, oss-dest -PassThru
        $script:tunnel = New-MgwTunnel 100MB/s 500
        $script:other = New-MgwTunnel
    }
    AfterEach { Stop-AllEmulators }

    It 'New-MgwAgent creates an agent on a tunnel and writes it as the service reports it' {
        $agent = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Vpc -Tag @{ site = 'hq' }
        $agent | Should -BeOfType ([MgwTools.MgwAgent])
        ($agent.Name, $agent.TunnelId, $agent.AgentEndpoint, $agent.AgentEndpointText, $agent.DeployMethod, $agent.Tags) |
            Should -Be @('nas-agent', $tunnel.TunnelId, [MgwTools.MgwAgentEndpoint]::Vpc, 'vpc', 'default', 'site:hq')
        $agent.Owner | Should -Be $svc.AccountId
        $agent.Version | Should -Be $svc.GetAgents()[0].Version
        $agent.Status | Should -BeNullOrEmpty
        $agent.HasActivationKey | Should -BeTrue
        (Get-Key $agent).Length | Should -Be 32
        $svc.GetTunnels().Where({ $_.TunnelId -eq $tunnel.TunnelId }).Agents | Should -Be 1
    }

    It 'New-MgwAgent takes CSV rows by property name (AgentName, TunnelId, AgentEndpoint, Tags)' {
        $csv = Join-Path $TestDrive 'agents.csv'
        @"
AgentName,TunnelId,AgentEndpoint,Tags
nas-a,$($tunnel.TunnelId),public,site:a
nas-b,$($other.TunnelId),VPC,
"@ | Set-Content $csv
        $made = Import-Csv $csv | New-MgwAgent
        $made.Name | Should -Be @('nas-a', 'nas-b')
        $made.AgentEndpointText | Should -Be @('public', 'vpc')
        $made[0].Tags | Should -Be 'site:a'
        $made[1].Tags | Should -BeNullOrEmpty
        $made.TunnelId | Should -Be @($tunnel.TunnelId, $other.TunnelId)
    }

    It 'New-MgwAgent re-creates piped agents on another service (-Context)' {
        $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
        $agents = Get-MgwAgent
        $second = Start-MgwEmulator -NoConnect -PassThru
        $context = Connect-Mgw -AccountId $second.AccountId -Region $second.Region -Endpoint $second.Endpoint -Credential $second.Credential -PassThru
        $moved = New-MgwTunnel -Context $context
        $copied = $agents | Select-Object Name, AgentEndpoint, @{ n = 'TunnelId'; e = { $moved.TunnelId } } | New-MgwAgent -Context $context
        $copied.Name | Should -Be 'nas-agent'
        $second.GetAgents().Name | Should -Be 'nas-agent'
    }

    It 'New-MgwAgent -WhatIf sends nothing' {
        $before = $svc.Stats.Requests
        New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public -WhatIf
        $svc.Stats.Requests | Should -Be $before
        $svc.GetAgents() | Should -HaveCount 0
    }

    It 'Get-MgwAgent lists, gets by name, filters by wildcard and by tunnel, and takes piped names and tunnels' {
        Stop-AllEmulators
        $script:svc = Start-MgwEmulator -MaxPageSize 1 -PassThru
        $t1 = New-MgwTunnel
        $t2 = New-MgwTunnel
        $null = New-MgwAgent nas-b $t1.TunnelId -AgentEndpoint Public
        $null = New-MgwAgent nas-a $t1.TunnelId -AgentEndpoint Vpc
        $null = New-MgwAgent lab-c $t2.TunnelId -AgentEndpoint Public
        (Get-MgwAgent).Name | Should -Be @('lab-c', 'nas-a', 'nas-b')
        (Get-MgwAgent nas-a).AgentEndpoint | Should -Be ([MgwTools.MgwAgentEndpoint]::Vpc)
        (Get-MgwAgent 'NAS-*').Name | Should -Be @('nas-a', 'nas-b')
        (Get-MgwAgent -TunnelId $t2.TunnelId).Name | Should -Be 'lab-c'
        ($t1 | Get-MgwAgent).Name | Should -Be @('nas-a', 'nas-b')
        ([pscustomobject]@{ AgentName = 'lab-c' } | Get-MgwAgent).Name | Should -Be 'lab-c'
        (Get-MgwAgent 'nas-a' | Get-MgwAgent).Name | Should -Be 'nas-a'
    }

    It 'Get-MgwAgent -Status adds each agent''s state: <State>' -TestCases @(
        @{ State = 'OK' }
        @{ State = 'Disconnected' }
        @{ State = 'NoResponse' }
    ) {
        param($State)
        $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
        $svc.SetAgentStatus('nas-agent', $State, '192.0.2.77', '9.9.9')
        foreach ($agent in @((Get-MgwAgent -Status), (Get-MgwAgent nas-agent -Status), (Get-MgwAgent -TunnelId $tunnel.TunnelId -Status))) {
            $agent.Status | Should -BeOfType ([MgwTools.MgwAgentStatus])
            ($agent.Status.Name, $agent.Status.Status, $agent.Status.State, $agent.Status.AgentIP, $agent.Status.AgentVersion) |
                Should -Be @('nas-agent', $State, [MgwTools.MgwAgentState]$State, '192.0.2.77', '9.9.9')
            $agent.Status.IsOK | Should -Be ($State -eq 'OK')
            $agent.HasActivationKey | Should -BeTrue
        }
    }

    It 'Remove-MgwAgent deletes by name and from the pipeline; -WhatIf deletes nothing' {
        $null = New-MgwAgent nas-a $tunnel.TunnelId -AgentEndpoint Public
        $null = New-MgwAgent nas-b $tunnel.TunnelId -AgentEndpoint Public
        Get-MgwAgent | Remove-MgwAgent -WhatIf
        $svc.GetAgents() | Should -HaveCount 2
        Get-MgwAgent nas-a | Remove-MgwAgent -Confirm:$false
        Remove-MgwAgent nas-b -Confirm:$false
        $svc.GetAgents() | Should -HaveCount 0
        # With its agents gone, the tunnel can go.
        Remove-MgwTunnel $tunnel.TunnelId -Confirm:$false -ErrorAction Stop
    }

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
            Assert-MgwError $record $Code $Command 'InvalidArgument' $Message $Target
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
            Assert-MgwError $errors[0] 'InvalidAgentName' 'New-MgwAgent' 'InvalidArgument' `
                "'NAS Agent' cannot be the name of an agent (it has characters other than lowercase letters, digits, '-' and '_'): agent names are 3-63 lowercase letters, digits, '-' and '_', not starting with '-' or '_'." 'NAS Agent'
        }

        It 'InvalidTag from New-MgwAgent, sending nothing' {
            $before = $svc.Stats.Requests
            $record = Get-SingleError { New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public -Tag ('k:' + ('v' * 1100)) }
            Assert-MgwError $record 'InvalidTag' 'New-MgwAgent' 'InvalidArgument' 'The tags are 1,102 characters as k1:v1,k2:v2; the service takes at most 1,024. Drop or shorten some.' ('k:' + ('v' * 1100))
            $svc.Stats.Requests | Should -Be $before
        }

        It 'MissingValue from Set-MgwTunnel without anything to change: stops before any request' {
            $before = $svc.Stats.Requests
            $record = Get-SingleError { Set-MgwTunnel $tunnel.TunnelId }
            Assert-MgwError $record 'MissingValue' 'Set-MgwTunnel' 'InvalidArgument' 'Give -MaxBandwidth, -MaxQps, -Tag or several: there is nothing to change.' $null
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
            Assert-MgwError $record 'InvalidName' $Command 'InvalidArgument' '*cannot be sent*' $Target
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
            Assert-MgwError $errors[0] 'NoSuchImportTunnel' $Command 'ObjectNotFound' "The import tunnel '$missing' does not exist." $missing
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
            Assert-MgwError $record 'NoSuchImportTunnel' $Command 'ObjectNotFound' "The import tunnel '$($stale.TunnelId)' does not exist." $stale
        }

        It 'NoSuchImportTunnel from New-MgwAgent names the tunnel; the agent name is the target' {
            $record = Get-SingleError { New-MgwAgent nas-agent 3f0c7d52-0000-4000-8000-000000000000 -AgentEndpoint Public }
            Assert-MgwError $record 'NoSuchImportTunnel' 'New-MgwAgent' 'ObjectNotFound' "The import tunnel '3f0c7d52-0000-4000-8000-000000000000' does not exist." 'nas-agent'
        }

        It 'ImportAgentAlreadyExist from New-MgwAgent: ResourceExists' {
            $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
            $record = Get-SingleError { New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Vpc }
            Assert-MgwError $record 'ImportAgentAlreadyExist' 'New-MgwAgent' 'ResourceExists' "The import agent 'nas-agent' already exists." 'nas-agent'
            $record.Exception.Error.StatusCode | Should -Be 409
        }

        It 'ImportAgentNumExceed and ImportTunnelNumExceed: LimitsExceeded' {
            $null = New-MgwAgent nas-a $tunnel.TunnelId -AgentEndpoint Public
            $null = New-MgwAgent nas-b $tunnel.TunnelId -AgentEndpoint Public
            $agents = Get-SingleError { New-MgwAgent nas-c $tunnel.TunnelId -AgentEndpoint Public }
            Assert-MgwError $agents 'ImportAgentNumExceed' 'New-MgwAgent' 'LimitsExceeded' 'The number of import agents exceeds the limit of 2 per region.' 'nas-c'
            $null = New-MgwTunnel
            $null = New-MgwTunnel
            $tunnels = Get-SingleError { New-MgwTunnel }
            Assert-MgwError $tunnels 'ImportTunnelNumExceed' 'New-MgwTunnel' 'LimitsExceeded' 'The number of import tunnels exceeds the limit of 3 per region.' $null
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
            Assert-MgwError $errors[0] 'NoSuchImportAgent' $Command 'ObjectNotFound' "The import agent 'no-such-agent' does not exist." 'no-such-agent'
            $errors[0].Exception.Error.StatusCode | Should -Be 404
        }

        It 'NoSuchImportAgent from Remove-MgwAgent names the piped agent deleted meanwhile' {
            $stale = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
            Remove-MgwAgent nas-agent -Confirm:$false
            $record = Get-SingleError { $stale | Remove-MgwAgent -Confirm:$false }
            Assert-MgwError $record 'NoSuchImportAgent' 'Remove-MgwAgent' 'ObjectNotFound' "The import agent 'nas-agent' does not exist." $stale
        }

        It 'ImportTunnelIsOccupied from Remove-MgwTunnel while an agent uses it: ResourceBusy' {
            $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
            $record = Get-SingleError { $tunnel | Remove-MgwTunnel -Confirm:$false }
            Assert-MgwError $record 'ImportTunnelIsOccupied' 'Remove-MgwTunnel' 'ResourceBusy' "The import tunnel '$($tunnel.TunnelId)' is occupied by import agent 'nas-agent'." $tunnel
            $record.Exception.Error.StatusCode | Should -Be 409
            $svc.GetTunnels().Where({ $_.TunnelId -eq $tunnel.TunnelId }) | Should -HaveCount 1
        }

        It 'ImportAgentIsOccupied from Remove-MgwAgent while a data address lists it: ResourceBusy' {
            $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
            (Invoke-EmulatorRequest -Service $svc -Method PUT -Path /address/nas-src -Body '<ImportAddress><AgentList>nas-agent</AgentList></ImportAddress>').Status | Should -Be 200
            $record = Get-SingleError { Remove-MgwAgent nas-agent -Confirm:$false }
            Assert-MgwError $record 'ImportAgentIsOccupied' 'Remove-MgwAgent' 'ResourceBusy' "The import agent 'nas-agent' is occupied by import address 'nas-src'." 'nas-agent'
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
            Assert-MgwError $record 'SignatureDoesNotMatch' $Command 'PermissionDenied' '*' $null
        }
    }

    Context 'no connection' {
        It 'NotConnected from <Command>: InvalidOperation, nothing sent' -TestCases @(
            @{ Command = 'New-MgwTunnel'; Arguments = @{} }
            @{ Command = 'Get-MgwTunnel'; Arguments = @{} }
            @{ Command = 'Set-MgwTunnel'; Arguments = @{ Id = 't'; MaxQps = 1 } }
            @{ Command = 'Remove-MgwTunnel'; Arguments = @{ Id = 't'; Confirm = $false } }
            @{ Command = 'New-MgwAgent'; Arguments = @{ Name = 'nas-agent'; TunnelId = 't'; AgentEndpoint = 'Public' } }
            @{ Command = 'Get-MgwAgent'; Arguments = @{} }
            @{ Command = 'Remove-MgwAgent'; Arguments = @{ Name = 'nas-agent'; Confirm = $false } }
        ) {
            param($Command, $Arguments)
            Disconnect-Mgw
            $before = $svc.Stats.Requests
            $record = Get-SingleError { & $Command @Arguments }
            Assert-MgwError $record 'NotConnected' $Command 'InvalidOperation' 'This PowerShell session is not connected to Data Online Migration.*' $null
            $svc.Stats.Requests | Should -Be $before
        }
    }
}
