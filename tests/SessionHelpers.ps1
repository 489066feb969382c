# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Dot-sourced by the session tests (Connect-Mgw, Get-MgwContext, Disconnect-Mgw, secret leak): a temporary
# HOME under $TestDrive and no ALIBABA_CLOUD_* variables, so the machine's real credentials are never read.
$script:SessionVariables = @(
    'HOME', 'USERPROFILE'
    'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN'
    'ALIBABA_CLOUD_ACCOUNT_ID', 'ALIBABA_CLOUD_REGION_ID', 'ALIBABA_CLOUD_PROFILE'
    'ALIBABA_CLOUD_CLI_PROFILE_DISABLED', 'ALIBABA_CLOUD_CREDENTIALS_FILE'
)

function Save-SessionEnvironment {
    $script:SavedSessionEnvironment = @{}
    foreach ($name in $script:SessionVariables) {
        $script:SavedSessionEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
}

function Restore-SessionEnvironment {
    foreach ($name in $script:SessionVariables) {
        [Environment]::SetEnvironmentVariable($name, $script:SavedSessionEnvironment[$name])
    }
    Disconnect-Mgw
}

# A fresh, empty HOME and no ALIBABA_CLOUD_* variables; no context.
function Reset-SessionEnvironment {
    $script:TestHome = Join-Path $TestDrive 'home'
    Remove-Item $script:TestHome -Recurse -Force -ErrorAction Ignore
    New-Item -ItemType Directory $script:TestHome | Out-Null
    foreach ($name in $script:SessionVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
    $env:HOME = $script:TestHome
    $env:USERPROFILE = $script:TestHome
    Disconnect-Mgw
}

function Set-AliyunConfig([string] $Json) {
    $dir = New-Item -ItemType Directory (Join-Path $script:TestHome '.aliyun') -Force
    $path = Join-Path $dir 'config.json'
    Set-Content -Path $path -Value $Json -Encoding utf8NoBOM
    $path
}

function Set-CredentialsIni([string] $Text, [string] $Path = (Join-Path $script:TestHome '.alibabacloud/credentials.ini')) {
    New-Item -ItemType Directory (Split-Path $Path) -Force | Out-Null
    Set-Content -Path $Path -Value $Text -Encoding utf8NoBOM
    $Path
}

function New-Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

# Secrets made at run time: they appear in no file of the repository and no command line.
function New-TestSecret([string] $Prefix) { $Prefix + [guid]::NewGuid().ToString('N') }

# The credentials inside a context (internal on purpose; tests reach them by reflection).
function Get-ContextCredentials($Context) {
    $flags = [Reflection.BindingFlags]'NonPublic, Instance'
    $credentials = $Context.GetType().GetProperty('Credentials', $flags).GetValue($Context)
    [pscustomobject]@{
        AccessKeyId   = $credentials.AccessKeyId
        Secret        = $credentials.GetType().GetProperty('AccessKeySecret', $flags).GetValue($credentials)
        SecurityToken = $credentials.GetType().GetProperty('SecurityToken', $flags).GetValue($credentials)
    }
}

function Get-Completion([string] $Line) {
    (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
}
