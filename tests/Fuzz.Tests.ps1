# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Seeded fuzzing of the offline cmdlets (issue 10): a few thousand generated hostile values through Test-MgwJobSpec,
# ConvertTo-MgwCron and Connect-Mgw. Each call must end in output or in a coded error (an MgwException with a Code, or
# PowerShell's own parameter-binding refusal), never in any other exception, and within a per-call bound that only
# catches hangs and runaway parsers (the figures are printed, not asserted). Every spec found valid is then sent to
# the local service (127.0.0.1), which must not refuse it as malformed. Set MGW_FUZZ_SEED to replay a run.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')

    $script:Seed = if ($env:MGW_FUZZ_SEED) { [int]$env:MGW_FUZZ_SEED } else { 20261203 }
    $script:Random = [Random]::new($Seed)
    # A hang detector, not a speed assertion: a linear check of the largest value here takes milliseconds.
    $script:CallBound = [TimeSpan]::FromSeconds(5)

    $big = 'a' * 100000
    # Values that broke or could break a parser, a header, an XML body or a message.
    $script:Hostile = @(
        '', ' ', "`t", "a`r`nX-Evil: 1", "`0", "a`0b", [string][char]0xFFFE, [string][char]0xFFFF, [string][char]0xD800,
        "x$([char]0xDC00)y", '..', '.', 'a/../b', '/', '\', '%2e%2e', '%00', '?', '#', '&', '<', '>', ']]>', '<![CDATA[x]]>',
        '&#0;', '&amp;', '"', "'", ',', ';', ':', '::error::x', '##vso[task.complete result=Failed]', '$(Get-Date)',
        '{0}', '%s', 'NaN', 'Infinity', '-0', '1e309', '-1', '0', '9223372036854775808', '-9223372036854775809',
        '0x7fffffff', '1,000', '١٢٣', 'İ', 'ß', '𝔘𝔫𝔦', '🙂', 'Ω', 'DROP TABLE', 'null', 'true', 'yes', 'System.Collections.Hashtable',
        ('(' * 5000), (')' * 5000), ('[' * 5000), ('{' * 5000), ('(?' * 20000), ('\p' * 20000), ('a{1,3}' * 2000),
        '(a+)+$', '(?<=a)b', '\1', '(?>a)', 'a++', '[z-a]', '(', '*', '+?', $big, ('1,' * 60000), ('a:b,' * 2000),
        '2025-07-03 00:00:00 > 2025-07-04 00:00:00', '9999-12-31 23:59:59 > 0001-01-01 00:00:00', '0001-01-01 > 9999-12-31',
        ('2025-07-03 00:00:00 > 2025-07-04 00:00:00,' * 500), '2025-13-45 25:61:61 > x', '>', ' > ',
        '0 0 2 * * *', '* * * * * *', '0 0 0 31 2 ?', ('0 0 ' + (('1,' * 200) + '1') + ' * * *'), '0 0 2 * * * *', '0 0 2 L W #',
        '200Mbps', '1Gbps', '25MB/s', '512KiB/s', '999999999999999999999Tbps', '1.5.5Mbps', ('9' * 1000), '-200Mbps', '0bps'
    )
    $script:Names = @('fuzz-job', 'a', 'ab', 'abc', ('a' * 63), ('a' * 64), '-lead', '_lead', 'UPPER', 'with space', 'dot.name')
    $script:ValidFields = @{
        Name = { "fz-$($Random.Next(1000000))" }
        SourceAddress = { 'src-fz' }
        DestinationAddress = { 'dst-fz' }
        OverwriteMode = { Get-Pick @('Always', 'Never', 'always') }
        TransferMode = { Get-Pick @('All', 'LastModified') }
        MaxBandwidth = { '200Mbps' }
        MaxQps = { '100' }
        IncludeKey = { '^logs/.*\.gz$,a{1,3}' }
        ExcludeKey = { 'tmp/' }
        IncludeLastModified = { '2025-07-03 00:00:00 > 2025-07-04 00:00:00' }
        StartCron = { '0 0 2 * * *' }
        MaxScheduleCount = { '3' }
        Tag = { 'team:data,env:prod' }
        CreateReport = { 'true' }
        LogMode = { 'Basic' }
        TargetStorageClass = { 'IA' }
        ParentVersion = { [guid]::NewGuid().ToString() }
    }

    function Get-Pick([object[]] $Pool) { $Pool[$Random.Next($Pool.Count)] }

    # One CSV-like row: a few fields hostile (none in about a third of the rows), the others valid or absent;
    # header spellings vary as CSVs do.
    function New-FuzzRow {
        $fields = @($ValidFields.Keys)
        $hostileCount = $Random.Next(4) - 1
        $bad = @{}
        for ($i = 0; $i -lt $hostileCount; $i++) { $bad[(Get-Pick $fields)] = $true }
        $row = [ordered]@{}
        foreach ($field in $fields) {
            if ($bad[$field]) { $row[$field] = Get-Pick ($Hostile + $Names); continue }
            if ($field -notin 'Name', 'SourceAddress', 'DestinationAddress', 'OverwriteMode' -and $Random.Next(3) -eq 0) { continue }
            $row[$field] = & $ValidFields[$field]
        }
        if ($row['OverwriteMode'] -eq 'Never' -and -not $bad['TransferMode']) { $row['TransferMode'] = 'All' }
        [pscustomobject]$row
    }

    # Runs $Call; returns the elapsed time, and fails the test on an exception that is not a coded error.
    function Invoke-Fuzzed([scriptblock] $Call, [string] $What) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        try {
            $null = & $Call
        }
        catch {
            $ex = $_.Exception
            $coded = ($ex -is [MgwTools.MgwException] -and $ex.Error.Code) -or
                ($ex -is [System.Management.Automation.ParameterBindingException])
            if (-not $coded) { throw "$What threw $($ex.GetType().FullName): $($ex.Message)" }
        }
        $watch.Elapsed
    }

    function Format-Figures([string] $Name, [TimeSpan[]] $Times) {
        $ms = @($Times | ForEach-Object TotalMilliseconds | Sort-Object)
        '{0}: {1:N0} calls, median {2:N2} ms, worst {3:N1} ms' -f $Name, $ms.Count, $ms[[int]($ms.Count / 2)], $ms[-1]
    }
}

Describe 'Fuzzing with hostile values (seed <Seed>)' {
    It 'Test-MgwJobSpec answers every generated row with findings or a valid spec, and the service takes every valid one' {
        $rows = 1..1200 | ForEach-Object { New-FuzzRow }
        $times = [Collections.Generic.List[TimeSpan]]::new()
        $results = [Collections.Generic.List[object]]::new()
        $index = 0
        foreach ($row in $rows) {
            $index++
            $times.Add((Invoke-Fuzzed { $results.Add(($row | Test-MgwJobSpec -ErrorAction Stop)) } "Test-MgwJobSpec on generated row $index"))
        }
        $results | Should -HaveCount $rows.Count
        foreach ($r in $results) {
            foreach ($finding in @($r.Errors) + @($r.Warnings)) { $finding.Code | Should -Not -BeNullOrEmpty }
        }
        ($times | Where-Object { $_ -gt $CallBound }) | Should -BeNullOrEmpty
        Write-Host (Format-Figures 'Test-MgwJobSpec' $times)

        # Every spec the validator accepts is sendable: the local service must not call its body malformed.
        $valid = @($results | Where-Object IsValid)
        $valid.Count | Should -BeGreaterThan 20 -Because 'the generator mixes valid values in, so some rows pass'
        # Fresh names and an address pair of its own for each body, so the service's other rules (a taken name, an
        # address pair in use, a missing parent) do not hide how it reads the values that were fuzzed.
        $svc = Start-MgwEmulator -MaxJobs 100000 -Address (1..$valid.Count | ForEach-Object { "s-$_"; "d-$_" }) -PassThru
        try {
            $n = 0
            $refused = foreach ($v in $valid) {
                $n++
                $body = [xml]$v.Body
                $body.ImportJob.Name = "fz-send-$n"
                $body.ImportJob.SrcAddress = "s-$n"
                $body.ImportJob.DestAddress = "d-$n"
                $parent = $body.ImportJob.SelectSingleNode('ParentVersion')
                if ($parent) { $null = $body.ImportJob.RemoveChild($parent) }
                $answer = Invoke-EmulatorRequest -Service $svc -Method POST -Path '/job' -Body $body.OuterXml
                if ($answer.Status -ne 200) { "$($answer.Code) for row $($v.Row) ($($v.Name)): $($answer.Xml.Error.Message) :: $($body.OuterXml)" }
            }
            $refused | Should -BeNullOrEmpty
            Write-Host "Sent $($valid.Count) valid specs of $($rows.Count); the local service took them all."
        }
        finally {
            Stop-MgwEmulator -Confirm:$false
        }
    }

    It 'ConvertTo-MgwCron answers every generated expression, time, zone and start with a schedule or a coded error' {
        $zones = @('UTC', 'Asia/Shanghai', 'China Standard Time', 'Pacific/Kiritimati', 'Etc/GMT+12') + $Hostile
        $times = [Collections.Generic.List[TimeSpan]]::new()
        $froms = @([datetimeoffset]::MinValue, [datetimeoffset]::MaxValue, [datetimeoffset]'9999-12-31T00:00:00Z',
            [datetimeoffset]'0001-01-01T00:00:00Z', [datetimeoffset]'2026-12-03T00:00:00+14:00')
        foreach ($i in 1..1200) {
            $zone = Get-Pick $zones
            $next = Get-Pick @(0, 1, 5, 100, 1000)
            $more = @{ Next = $next; ErrorAction = 'Stop' }
            if ($Random.Next(3) -eq 0) { $more.TimeZone = $zone }
            if ($Random.Next(4) -eq 0) { $more.From = Get-Pick $froms }
            switch ($Random.Next(4)) {
                0 { $call = { ConvertTo-MgwCron -Daily -At (Get-Pick ($Hostile + '02:00', '23:59:59', '24:00', '-1:00')) @more } }
                1 { $call = { ConvertTo-MgwCron -Hourly -Minute (Get-Pick @(0, 59, 60, -1, [int]::MaxValue)) @more } }
                default { $call = { ConvertTo-MgwCron -Expression (Get-Pick $Hostile) @more } }
            }
            $times.Add((Invoke-Fuzzed $call "ConvertTo-MgwCron #$i"))
        }
        ($times | Where-Object { $_ -gt $CallBound }) | Should -BeNullOrEmpty
        Write-Host (Format-Figures 'ConvertTo-MgwCron' $times)
    }

    It 'Connect-Mgw refuses every hostile value with a coded error that never echoes a credential' {
        $fuzzHome = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'mgw-fuzz-' + [guid]::NewGuid().ToString('n'))
        $saved = @{}
        foreach ($name in 'HOME', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN',
            'ALIBABA_CLOUD_ACCOUNT_ID', 'ALIBABA_CLOUD_REGION_ID', 'ALIBABA_CLOUD_PROFILE') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
        # An empty home: no profile file of this machine is read.
        $null = New-Item -ItemType Directory -Path $fuzzHome
        $env:HOME = $fuzzHome
        $times = [Collections.Generic.List[TimeSpan]]::new()
        try {
            foreach ($i in 1..900) {
                $value = Get-Pick ($Hostile + $Names)
                $params = @{
                    AccountId = '1234567890123456'; Region = 'cn-hangzhou'; AccessKeyId = 'LTAI5tFuzzKey0001'
                    AccessKeySecret = (ConvertTo-SecureString 'fuzz-secret-value' -AsPlainText -Force); ErrorAction = 'Stop'
                }
                switch ($Random.Next(8)) {
                    0 { $params.AccountId = $value }
                    1 { $params.Region = $value }
                    2 { $params.AccessKeyId = $value }
                    # A SecureString holds at most 65,536 characters: longer values cannot even be given.
                    3 { if ($value -and $value.Length -le 65536) { $params.AccessKeySecret = ConvertTo-SecureString $value -AsPlainText -Force } }
                    4 { if ($value -and $value.Length -le 65536) { $params.SecurityToken = ConvertTo-SecureString $value -AsPlainText -Force } }
                    5 { $params.ScheduleTimeZone = $value }
                    6 { $params.Endpoint = Get-Pick @('http://127.0.0.1:1/', 'https://a.b/', "http://127.0.0.1:1/$value", 'ftp://x/', 'http://user:pw@127.0.0.1/') }
                    7 { $params.Remove('AccessKeyId'); $params.Remove('AccessKeySecret'); $params.ProfileName = $value }
                }
                $errorText = ''
                $times.Add((Invoke-Fuzzed {
                            try { Connect-Mgw @args }
                            catch { $errorText = "$($_.Exception.Message) $($_.ErrorDetails)"; throw }
                        } "Connect-Mgw #$i with $($params.Keys -join ',')"))
                $errorText | Should -Not -Match 'fuzz-secret-value'
                if ($params.AccessKeyId -and $params.AccessKeyId.Length -gt 12 -and $params.AccessKeyId -match '[\x00-\x1f]') {
                    $errorText | Should -Not -Match ([regex]::Escape($params.AccessKeyId))
                }
            }
        }
        finally {
            Disconnect-Mgw -ErrorAction SilentlyContinue
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            Remove-Item $fuzzHome -Recurse -Force -ErrorAction SilentlyContinue
        }
        ($times | Where-Object { $_ -gt $CallBound }) | Should -BeNullOrEmpty
        Write-Host (Format-Figures 'Connect-Mgw' $times)
    }
}
