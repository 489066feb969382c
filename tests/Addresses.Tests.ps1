# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The address cmdlets together against the local service (127.0.0.1 only): a service that does not answer, and the
# default views. Each cmdlet's own behaviour and errors are in its <Cmdlet>.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AddressTestKit.ps1') }

Describe 'The address cmdlets' {
    BeforeEach {
        $svc = Start-MgwEmulator -Address oss-a, oss-b, dest-x -MaxPageSize 2 -PassThru
        $null = New-MgwAddress nas-share -Agent agent-a -Path /mnt/share/
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

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
