# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Get-, Set-, Test- and Remove-MgwAddress against the local service (127.0.0.1 only): what each returns, and every
# error each can produce, with its code, category and message.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')

    function Assert-MgwError($Record, [string] $Command, [string] $Code, [string] $Category, [string] $MessageLike) {
        $Record.FullyQualifiedErrorId | Should -Be "$Code,MgwTools.Commands.$($Command -replace '-', '')Command"
        $Record.CategoryInfo.Category | Should -Be $Category
        $Record.Exception | Should -BeOfType ([MgwTools.MgwException])
        $Record.Exception.Error.Code | Should -Be $Code
        $Record.Exception.Error.Message | Should -BeLike $MessageLike
    }
}

Describe 'The address cmdlets' {
    BeforeEach {
        $svc = Start-MgwEmulator -Address oss-a, oss-b, dest-x -MaxPageSize 2 -PassThru
        $null = New-MgwAddress nas-share -Agent agent-a -Path /mnt/share/
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    Context 'Get-MgwAddress' {
        It 'lists every address, page after page, and filters by wildcard' {
            $all = Get-MgwAddress
            @($all.Name) | Should -Be @('dest-x', 'nas-share', 'oss-a', 'oss-b')
            $all[0] | Should -BeOfType ([MgwTools.MgwAddress])
            @((Get-MgwAddress oss-*).Name) | Should -Be @('oss-a', 'oss-b')
            @((Get-MgwAddress 'OSS-?', nas-share).Name) | Should -Be @('oss-a', 'oss-b', 'nas-share')
            Get-MgwAddress zzz-* | Should -BeNullOrEmpty
            # Two listings with a page size of 2 would be 3 requests each; one command lists once.
            $before = $svc.Stats.Requests
            $null = Get-MgwAddress oss-*, dest-*
            $svc.Stats.Requests - $before | Should -Be 2
        }

        It 'gets one by name, from the pipeline too' {
            (Get-MgwAddress nas-share).Location | Should -Be 'agent-a:/mnt/share/'
            @(('oss-a', 'dest-x' | Get-MgwAddress).Name) | Should -Be @('oss-a', 'dest-x')
            @((Get-MgwAddress oss-b | Get-MgwAddress).Name) | Should -Be @('oss-b')
        }

        It 'completes -Name from the service' {
            (Complete 'Get-MgwAddress oss-').CompletionText | Should -Be @('oss-a', 'oss-b')
        }

        It 'NoSuchImportAddress for a name that does not exist: ObjectNotFound, the name as target' {
            $out = Get-MgwAddress no-such, oss-a -ErrorVariable err -ErrorAction SilentlyContinue
            @($out.Name) | Should -Be @('oss-a')
            Assert-MgwError $err[0] Get-MgwAddress NoSuchImportAddress ObjectNotFound "The import address 'no-such' does not exist."
            $err[0].TargetObject | Should -Be 'no-such'
            $err[0].Exception.Error.StatusCode | Should -Be 404
        }

        It 'InvalidName for a name that cannot be sent, without a request' {
            $before = $svc.Stats.Requests
            $null = Get-MgwAddress 'a/b' -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-MgwError $err[0] Get-MgwAddress InvalidName InvalidArgument "The data address name 'a/b' cannot be sent: it contains '/'.*"
            $svc.Stats.Requests | Should -Be $before
        }

        It 'NotConnected without a context' {
            Disconnect-Mgw
            $err = { Get-MgwAddress } | Should -Throw -PassThru
            Assert-MgwError $err Get-MgwAddress NotConnected InvalidOperation '*Connect-Mgw*'
        }
    }

    Context 'Test-MgwAddress' {
        It 'returns the service''s verdict: available, or the failure set for the address' {
            $svc.SetVerifyResult('oss-b', 'AccessDenied', 'The role cannot read bucket oss-b.')
            $v = Test-MgwAddress oss-a, oss-b
            $v | Should -HaveCount 2
            $v[0] | Should -BeOfType ([MgwTools.MgwAddressVerification])
            ($v[0].Name, $v[0].Status, $v[0].IsAvailable) | Should -Be @('oss-a', 'available', $true)
            ($v[1].Status, $v[1].IsAvailable, $v[1].ErrorCode, $v[1].ErrorMessage) | Should -Be @('unavailable', $false, 'AccessDenied', 'The role cannot read bucket oss-b.')
            $v[1].VerifyTime | Should -Not -BeNullOrEmpty
            $after = Get-MgwAddress oss-b
            ($after.VerifyState, $after.VerifyErrorCode, $after.VerifyHttpCode) | Should -Be @('Failed', 'AccessDenied', '403')
            (Get-MgwAddress oss-a).VerifyState | Should -Be 'Available'
            (Get-MgwAddress | Test-MgwAddress | Where-Object { -not $_.IsAvailable }).Name | Should -Be 'oss-b'
        }

        It '-Quiet gives a bool per address; one that does not exist is $false, without an error' {
            $svc.SetVerifyResult('oss-b', 'NoSuchBucket')
            $out = Test-MgwAddress oss-a, oss-b, no-such -Quiet -ErrorVariable err
            $out | Should -Be @($true, $false, $false)
            $err | Should -BeNullOrEmpty
        }

        It 'NoSuchImportAddress without -Quiet: ObjectNotFound' {
            $null = Test-MgwAddress no-such -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-MgwError $err[0] Test-MgwAddress NoSuchImportAddress ObjectNotFound "The import address 'no-such' does not exist."
        }

        It 'a service error with -Quiet is an error, not $false (SignatureDoesNotMatch: PermissionDenied)' {
            $wrong = Connect-Mgw -AccountId $svc.AccountId -Region $svc.Region -Endpoint $svc.Endpoint -AccessKeyId $svc.AccessKeyId `
                -AccessKeySecret (ConvertTo-SecureString 'wrong-secret-value' -AsPlainText -Force) -PassThru
            $out = Test-MgwAddress oss-a -Quiet -Context $wrong -ErrorVariable err -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            Assert-MgwError $err[0] Test-MgwAddress SignatureDoesNotMatch PermissionDenied '*'
        }
    }

    Context 'Set-MgwAddress' {
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
            Assert-MgwError $err[0] Set-MgwAddress $Code InvalidArgument $Message
            $err[0].Exception.Error.Field | Should -Be 'Agent'
            $svc.Stats.Requests | Should -Be $before
        }

        It 'NoSuchImportAddress for an address that does not exist: ObjectNotFound, the others are changed' {
            $out = Set-MgwAddress no-such, nas-share -Agent agent-b -PassThru -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            Assert-MgwError $err[0] Set-MgwAddress NoSuchImportAddress ObjectNotFound "The import address 'no-such' does not exist."
            $err[0].TargetObject | Should -Be 'no-such'
            $out.Agents | Should -Be @('agent-b')
        }
    }

    Context 'Remove-MgwAddress' {
        It 'has ConfirmImpact High' {
            $attribute = [MgwTools.Commands.RemoveMgwAddressCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $attribute.ConfirmImpact | Should -Be 'High'
            $attribute.SupportsShouldProcess | Should -BeTrue
        }

        It 'asks first with the default $ConfirmPreference (a non-interactive session cannot answer, so nothing is removed); -WhatIf only says it' {
            $out = Invoke-FreshPwsh @'
$null = Start-MgwEmulator -Address oss-a
try { Remove-MgwAddress oss-a } catch { "asked: $($_.Exception.GetType().Name)" }
Remove-MgwAddress oss-a -WhatIf
(Get-MgwAddress).Name
'@
            $out | Should -Be @('asked: PSInvalidOperationException', "What if: Remove data address 'oss-a'.", 'oss-a')
        }

        It 'removes addresses, piped too' {
            Remove-MgwAddress oss-a -Confirm:$false
            Get-MgwAddress oss-b, dest-x | Remove-MgwAddress -Confirm:$false
            @((Get-MgwAddress).Name) | Should -Be @('nas-share')
        }

        It 'ImportAddressIsOccupied for an address a job uses: ResourceBusy, the name as target' {
            $null = New-MgwJob uses-a -SourceAddress oss-a -DestinationAddress dest-x -OverwriteMode Never
            Remove-MgwAddress oss-a, oss-b -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -HaveCount 1
            Assert-MgwError $err[0] Remove-MgwAddress ImportAddressIsOccupied ResourceBusy "The import address 'oss-a' is used by import job 'uses-a'."
            $err[0].TargetObject | Should -Be 'oss-a'
            $err[0].Exception.Error.StatusCode | Should -Be 409
            @((Get-MgwAddress).Name) | Should -Be @('dest-x', 'nas-share', 'oss-a')
        }

        It 'NoSuchImportAddress for a name that does not exist: ObjectNotFound' {
            Remove-MgwAddress no-such -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            Assert-MgwError $err[0] Remove-MgwAddress NoSuchImportAddress ObjectNotFound "The import address 'no-such' does not exist."
        }
    }

    Context 'a service that does not answer' {
        It 'ConnectionFailed for every address cmdlet: ConnectionError; a create says whether it landed is not known' {
            $dead = Start-MgwEmulator -NoConnect -PassThru
            $dead | Stop-MgwEmulator
            $ctx = Connect-Mgw -AccountId $dead.AccountId -Region $dead.Region -Endpoint $dead.Endpoint -Credential $dead.Credential -PassThru
            $ErrorActionPreference = 'Continue'
            $all = @(& {
                    Get-MgwAddress oss-a -Context $ctx
                    Test-MgwAddress oss-a -Context $ctx
                    Set-MgwAddress nas-share -Agent agent-a -Context $ctx
                    Remove-MgwAddress oss-a -Confirm:$false -Context $ctx
                    New-MgwAddress oss-new -Bucket photos -BucketRegion cn-beijing -Role r1 -Context $ctx
                } 2>&1)
            $all | Should -HaveCount 5
            foreach ($record in $all) {
                $record | Should -BeOfType ([System.Management.Automation.ErrorRecord])
                ($record.FullyQualifiedErrorId -split ',')[0] | Should -Be 'ConnectionFailed'
                $record.CategoryInfo.Category | Should -Be 'ConnectionError'
                $record.Exception.Message | Should -BeLike "Could not reach '127.0.0.1:*'*"
            }
            $all[4].Exception.Message | Should -BeLike "*Whether address 'oss-new' was created is not known*-SkipExisting*"
        }
    }

    Context 'the default views' {
        It 'show a Row only for addresses made from piped rows' {
            $piped = [pscustomobject]@{ Name = 'row-a'; Type = 'oss'; Bucket = 'row-bucket'; BucketRegion = 'cn-beijing'; Role = 'r1' } | New-MgwAddress
            $piped.PSObject.TypeNames[0] | Should -Be 'MgwTools.MgwAddress#Row'
            $lines = ($piped | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() }
            $lines[0] | Should -Match '^\s*Row\s+Name\s+Type\s+Verified\s+AccessKeyId\s+Location'
            $lines[2] | Should -Match '^\s*1\s+row-a\s+oss\s'
            ((Get-MgwAddress row-a | Out-String -Width 120) -split "`r?`n" | Where-Object { $_.Trim() })[0] | Should -Match '^Name\s'
        }

        It 'fit 120 columns and read at 80' {
            $svc.SetVerifyResult('oss-b', 'AccessDenied', 'The role cannot read bucket oss-b, which has a rather long name.')
            $null = Test-MgwAddress oss-a
            foreach ($width in 80, 120) {
                $lines = (Get-MgwAddress | Out-String -Width $width) -split "`r?`n" | Where-Object { $_ }
                $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $width }
                $lines[0] | Should -Match '^Name\s+Type\s+Verified\s+AccessKeyId\s+Location'
                ($lines -join "`n") | Should -Match 'oss-a\s+oss\s+Available'
                $verify = (Test-MgwAddress oss-b | Out-String -Width $width) -split "`r?`n" | Where-Object { $_ }
                $verify | ForEach-Object { $_.Length | Should -BeLessOrEqual $width }
                ($verify -join "`n") | Should -Match 'oss-b\s+unavailable\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ AccessDenied'
            }
        }
    }
}
