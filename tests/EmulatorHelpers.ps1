# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Signed requests to a local service from PowerShell (OSS V4 via [MgwTools.Core.Signing.OssV4Signer]).

# Sends a signed request to $Service (from Start-MgwEmulator -PassThru) and returns
# @{ Status; Body; Xml; Code }. Only ever talks to the service's 127.0.0.1 endpoint.
function Invoke-EmulatorRequest {
    param(
        [Parameter(Mandatory)] $Service,
        [string] $Method = 'GET',
        [Parameter(Mandatory)] [string] $Path,
        [hashtable] $Query = @{},
        [string] $Body,
        [string] $HostHeader
    )
    if ($Service.Endpoint.Host -ne '127.0.0.1') { throw "Refusing to send to '$($Service.Endpoint)': loopback only." }
    $date = [DateTime]::UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", [Globalization.CultureInfo]::InvariantCulture)
    $headers = [Collections.Generic.List[Collections.Generic.KeyValuePair[string, string]]]::new()
    $headers.Add([Collections.Generic.KeyValuePair[string, string]]::new('x-oss-date', $date))
    $headers.Add([Collections.Generic.KeyValuePair[string, string]]::new('x-oss-content-sha256', 'UNSIGNED-PAYLOAD'))
    $pairs = [Collections.Generic.List[Collections.Generic.KeyValuePair[string, string]]]::new()
    foreach ($k in $Query.Keys) { $pairs.Add([Collections.Generic.KeyValuePair[string, string]]::new($k, $Query[$k])) }
    $bytes = $null
    if ($PSBoundParameters.ContainsKey('Body')) {
        $bytes = [Text.Encoding]::UTF8.GetBytes($Body)
        $md5 = [Convert]::ToBase64String([Security.Cryptography.MD5]::HashData($bytes))
        $headers.Add([Collections.Generic.KeyValuePair[string, string]]::new('content-type', 'application/xml'))
        $headers.Add([Collections.Generic.KeyValuePair[string, string]]::new('content-md5', $md5))
    }
    $secret = $Service.Credential.GetNetworkCredential().Password
    $auth = [MgwTools.Core.Signing.OssV4Signer]::Sign($Method, $Path, $pairs, $headers, $Service.AccessKeyId, $secret, $Service.Region, $date)
    $send = @{ 'Authorization' = $auth }
    foreach ($h in $headers) { if ($h.Key -notlike 'content-*') { $send[$h.Key] = $h.Value } }
    if ($bytes) { $send['Content-MD5'] = $md5 }
    $queryText = ($Query.Keys | ForEach-Object { [Uri]::EscapeDataString($_) + '=' + [Uri]::EscapeDataString([string]$Query[$_]) }) -join '&'
    $uri = [Uri]::new($Service.Endpoint, $Path + ($queryText ? "?$queryText" : ''))
    if ($HostHeader) { $send['Host'] = $HostHeader }
    $request = @{ Uri = $uri; Method = $Method; Headers = $send; SkipHttpErrorCheck = $true; NoProxy = $true; SkipHeaderValidation = $true }
    if ($bytes) { $request.Body = $bytes; $request.ContentType = 'application/xml' }
    $response = Invoke-WebRequest @request
    $text = if ($response.Content -is [byte[]]) { [Text.Encoding]::UTF8.GetString($response.Content) } else { [string]$response.Content }
    $xml = if ($text) { [xml]$text } else { $null }
    [pscustomobject]@{
        Status = [int]$response.StatusCode
        Body   = $text
        Xml    = $xml
        Code   = if ($xml -and $xml.DocumentElement.LocalName -eq 'Error') { $xml.Error.Code } else { $null }
    }
}

# Stops every local service this runspace still has running.
function Stop-AllEmulators {
    while ($true) {
        try { Stop-MgwEmulator -ErrorAction Stop -Confirm:$false } catch { break }
    }
}
