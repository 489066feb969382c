# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Set-MgwAddress against the local service (127.0.0.1 only): what it returns, and every error it can produce, with its
# code, category and message. The address cmdlets' shared cases (no answer, views) are in Addresses.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AddressTestKit.ps1') }

Describe 'Set-MgwAddress' {
    BeforeEach {
        $svc = Start-MgwEmulator -Address oss-a, oss-b, dest-x -MaxPageSize 2 -PassThru
        $null = New-MgwAddress nas-share -Agent agent-a -Path /mnt/share/
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'replaces the agent list, -PassThru returns the address' {
        $a = Set-MgwAddress nas-share -Agent agent-a, agent-b, 'agent-c' -PassThru
        $a.Agents | Should -Be @('agent-a', 'agent-b', 'agent-c')
        $svc.GetAddresses().Where({ $_.Name -eq 'nas-share' }).Agents | Should -Be @('agent-a', 'agent-b', 'agent-c')
        Set-MgwAddress nas-share -Agent 'agent-d,agent-e' | Should -BeNullOrEmpty
        (Get-MgwAddress nas-share).Agents | Should -Be @('agent-d', 'agent-e')
    }

    It 'shows -WhatIf and sends nothing' {
        $before = $svc.Stats.Requests
        Set-MgwAddress nas-share -Agent agent-z -WhatIf
        $svc.Stats.Requests | Should -Be $before
    }

    It '<Code> before anything is sent: <Case>' -TestCases @(
        @{ Case = 'a name the service refuses'; Code = 'InvalidAgentName'; Agents = @('Agent 7'); Message = "'Agent 7' cannot be the name of an agent (it has characters other than lowercase letters*" }
        @{ Case = 'an agent named twice'; Code = 'InvalidAgentName'; Agents = @('agent-a', 'agent-a'); Message = "Agent 'agent-a' is named twice; name each agent once." }
        @{ Case = 'no agent at all'; Code = 'MissingValue'; Agents = @(); Message = '-Agent needs at least one agent name.' }
        @{ Case = '101 agents'; Code = 'TooManyValues'; Agents = @(1..101 | ForEach-Object { "agent-$_" }); Message = '-Agent names more than 100 agents*' }
    ) {
        $before = $svc.Stats.Requests
        $null = Set-MgwAddress nas-share -Agent $Agents -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        # The target is the agent list as given.
        Assert-ErrorRecord $err[0] $Code Set-MgwAddress InvalidArgument $Message $err[0].TargetObject
        ($err[0].TargetObject -join ',') | Should -Be ($Agents -join ',')
        $err[0].Exception.Error.Field | Should -Be 'Agent'
        $svc.Stats.Requests | Should -Be $before
    }

    It 'NoSuchImportAddress for an address that does not exist: ObjectNotFound, the others are changed' {
        $out = Set-MgwAddress no-such, nas-share -Agent agent-b -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        Assert-ErrorRecord $err[0] NoSuchImportAddress Set-MgwAddress ObjectNotFound "The import address 'no-such' does not exist." 'no-such'
        $out.Agents | Should -Be @('agent-b')
    }

    It 'InvalidName for a name that cannot be sent, without a request' {
        $extra = @{ Agent = 'agent-a' }
        $before = $svc.Stats.Requests
        $record = Get-SingleError { Set-MgwAddress 'a/b' @extra }
        Assert-ErrorRecord $record 'InvalidName' 'Set-MgwAddress' 'InvalidArgument' "The data address name 'a/b' cannot be sent: it contains '/'. Use the name as the service lists it (data address names are 3 to 63 lowercase letters, digits, '_' and '-')." 'a/b'
        $svc.Stats.Requests | Should -Be $before
    }

    It 'NotConnected without a context: InvalidOperation, nothing sent' {
        $extra = @{ Agent = 'agent-a' }
        Disconnect-Mgw
        $before = $svc.Stats.Requests
        $record = Get-SingleError { Set-MgwAddress nas-share @extra }
        Assert-ErrorRecord $record 'NotConnected' 'Set-MgwAddress' 'InvalidOperation' 'This PowerShell session is not connected to Data Online Migration. Run Connect-Mgw first*' $null
        $svc.Stats.Requests | Should -Be $before
    }
}
