# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Get-MgwAddress against the local service (127.0.0.1 only): what it returns, and every error it can produce, with its
# code, category and message. The address cmdlets' shared cases (no answer, views) are in Addresses.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AddressTestKit.ps1') }

Describe 'Get-MgwAddress' {
    BeforeEach {
        $svc = Start-MgwEmulator -Address oss-a, oss-b, dest-x -MaxPageSize 2 -PassThru
        $null = New-MgwAddress nas-share -Agent agent-a -Path /mnt/share/
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

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
        Assert-ErrorRecord $err[0] NoSuchImportAddress Get-MgwAddress ObjectNotFound "The import address 'no-such' does not exist." 'no-such'
        $err[0].Exception.Error.StatusCode | Should -Be 404
    }

    It 'InvalidName for a name that cannot be sent, without a request' {
        $before = $svc.Stats.Requests
        $null = Get-MgwAddress 'a/b' -ErrorVariable err -ErrorAction SilentlyContinue
        Assert-ErrorRecord $err[0] InvalidName Get-MgwAddress InvalidArgument "The data address name 'a/b' cannot be sent: it contains '/'.*" 'a/b'
        $svc.Stats.Requests | Should -Be $before
    }

    It 'NotConnected without a context' {
        Disconnect-Mgw
        $err = { Get-MgwAddress } | Should -Throw -PassThru
        Assert-ErrorRecord $err NotConnected Get-MgwAddress InvalidOperation '*Connect-Mgw*' $null
    }
}
