# Copyright (c) MgwTools contributors. Licensed under the MIT License.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'SessionHelpers.ps1')
    Save-SessionEnvironment
    $Account = '1234567890123456'
    $Secret = New-TestSecret 'Sec'
}

AfterAll { Restore-SessionEnvironment }

Describe 'Get-MgwContext' {
    BeforeEach { Reset-SessionEnvironment }

    It 'returns the context Connect-Mgw stored' {
        $connected = Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId LTAI5tGetContext00001 -AccessKeySecret (New-Secure $Secret) -ScheduleTimeZone Asia/Shanghai -PassThru

        $context = Get-MgwContext

        $context | Should -Be $connected
        $context.ScheduleTimeZone | Should -Be 'Asia/Shanghai'
        $context.ToString() | Should -Be '1234567890123456 in cn-hangzhou at https://1234567890123456.cn-hangzhou.mgw.aliyuncs.com/ as LTAI**************001 (Explicit)'
    }

    It 'declares MgwContext as its output type' {
        (Get-Command Get-MgwContext).OutputType.Type | Should -Be ([MgwTools.MgwContext])
    }

    It 'shows the default table view' {
        Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId LTAI5tGetContext00001 -AccessKeySecret (New-Secure $Secret)

        $lines = (Get-MgwContext | Out-String -Width 200) -split "`n" | Where-Object { $_.Trim() }

        $lines[0] | Should -Match '^AccountId\s+Region\s+AccessKeyId\s+CredentialSource\s+Endpoint\s*$'
        # The table shortens the masked ID and drops the endpoint's trailing slash so a row fits 120 columns.
        $lines[2] | Should -Match '^1234567890123456 cn-hangzhou LTAI\*{3}001\s+Explicit\s+https://1234567890123456\.cn-hangzhou\.mgw\.aliyuncs\.com\s*$'
        $lines[2].TrimEnd().Length | Should -BeLessOrEqual 120
    }

    It 'writes a non-terminating NotConnected error when there is no context' {
        $output = Get-MgwContext -ErrorVariable errors -ErrorAction SilentlyContinue
        $after = 'still running'

        $output | Should -BeNullOrEmpty
        $after | Should -Be 'still running'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'NotConnected,MgwTools.Commands.GetMgwContextCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errors[0].Exception.Error.Code | Should -Be 'NotConnected'
        $errors[0].Exception.Message | Should -Be 'This PowerShell session is not connected to Data Online Migration. Run Connect-Mgw first (or Start-MgwEmulator for the local service), or pass -Context. Each runspace has its own context: in ForEach-Object -Parallel, pass -Context $using:context.'
    }

    It 'is quiet with -ErrorAction Ignore, so it works as an "am I connected?" test' {
        [bool](Get-MgwContext -ErrorAction Ignore) | Should -BeFalse
        Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId LTAI5tGetContext00001 -AccessKeySecret (New-Secure $Secret)
        [bool](Get-MgwContext -ErrorAction Ignore) | Should -BeTrue
    }

    It 'stops a script under -ErrorAction Stop' {
        { Get-MgwContext -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,MgwTools.Commands.GetMgwContextCommand'
    }
}
