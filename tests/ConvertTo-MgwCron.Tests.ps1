# Copyright (c) MgwTools contributors. Licensed under the MIT License.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:From = [DateTimeOffset]::new(2026, 3, 27, 12, 0, 0, [TimeSpan]::Zero)

    # Runs $Script and returns the single ErrorRecord it wrote (non-terminating or terminating).
    function Get-CronError([scriptblock] $Script) {
        $ErrorActionPreference = 'Continue'
        $errors = [System.Collections.Generic.List[object]]::new()
        try { & $Script 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $errors.Add($_) } }
        catch { $errors.Add($_) }
        $errors | Should -HaveCount 1
        $errors[0]
    }
}

Describe 'ConvertTo-MgwCron' {
    Context 'parameter sets' {
        It '-Daily -At builds the vendor example' {
            $cron = ConvertTo-MgwCron -Daily -At 02:00 -From $From -TimeZone UTC
            $cron | Should -BeOfType MgwTools.MgwCron
            $cron.Expression | Should -Be '0 0 2 * * *'
            $cron.Description | Should -Be 'At 02:00:00, every day (UTC)'
            $cron.ServiceTimeZone | Should -Be 'UTC'
            $cron.Next | Should -HaveCount 5
            $cron.Next[0].Utc | Should -Be ([DateTimeOffset]'2026-03-28T02:00:00Z')
        }

        It '-Weekly -DayOfWeek -At uses day names' {
            $cron = ConvertTo-MgwCron -Weekly -DayOfWeek Monday, Friday -At '9:30 AM'
            $cron.Expression | Should -Be '0 30 9 ? * MON,FRI'
            $cron.Description | Should -Be 'At 09:30:00, on Monday and Friday (UTC)'
        }

        It '-Monthly -DayOfMonth -At' {
            $cron = ConvertTo-MgwCron -Monthly -DayOfMonth 1, 15 -At '14:05:30'
            $cron.Expression | Should -Be '30 5 14 1,15 * ?'
            $cron.Description | Should -Be 'At 14:05:30, on days 1 and 15 of the month (UTC)'
        }

        It '-Monthly warns when a day is missing from some months' {
            $cron = ConvertTo-MgwCron -Monthly -DayOfMonth 31 -At 02:00 -WarningVariable warnings -WarningAction SilentlyContinue
            $cron.Expression | Should -Be '0 0 2 31 * ?'
            $warnings | Should -HaveCount 1
            "$($warnings[0])" | Should -BeLike "Months without day 31 are skipped*'0 0 2 L * ?'*"
        }

        It '-Monthly rejects day 32 at binding' {
            { ConvertTo-MgwCron -Monthly -DayOfMonth 32 -At 02:00 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,MgwTools.Commands.ConvertToMgwCronCommand'
        }

        It '-Hourly runs at minute 0 by default, -Minute moves it' {
            (ConvertTo-MgwCron -Hourly).Expression | Should -Be '0 0 * * * *'
            $cron = ConvertTo-MgwCron -Hourly -Minute 15 -From $From
            $cron.Expression | Should -Be '0 15 * * * *'
            $cron.Description | Should -Be 'Every hour at minute 15 (UTC)'
            ($cron.Next[1].Utc - $cron.Next[0].Utc) | Should -Be ([TimeSpan]::FromHours(1))
        }

        It '-Expression converts a 5-field Unix cron (0 and 7 are Sunday)' {
            (ConvertTo-MgwCron -Expression '30 9 * * 1-5').Expression | Should -Be '0 30 9 * * MON-FRI'
            (ConvertTo-MgwCron -Expression '0 0 * * 0').Expression | Should -Be '0 0 0 * * SUN'
            (ConvertTo-MgwCron -Expression '0 0 * * 7').Expression | Should -Be '0 0 0 * * SUN'
            (ConvertTo-MgwCron '0 0 * * sat,sun').Expression | Should -Be '0 0 0 * * SUN,SAT'
        }

        It '-Expression normalises a 6-field cron and warns about day-of-week numbers' {
            (ConvertTo-MgwCron -Expression ' 0  0 2 * * ? ').Expression | Should -Be '0 0 2 * * ?'
            $cron = ConvertTo-MgwCron -Expression '0 0 2 ? * 1-5' -WarningVariable warnings -WarningAction SilentlyContinue
            $cron.Expression | Should -Be '0 0 2 ? * MON-FRI'
            "$($warnings[0])" | Should -BeLike "*read the Unix way (0 and 7 = Sunday, 1 = Monday); Quartz counts 1 = Sunday*"
        }
    }

    Context '-At' {
        It 'takes <Value> as <Expected>' -ForEach @(
            @{ Value = '02:00'; Expected = '0 0 2 * * *' }
            @{ Value = '2:30 PM'; Expected = '0 30 14 * * *' }
            @{ Value = '14:05:30'; Expected = '30 5 14 * * *' }
            @{ Value = [datetime]::new(2026, 1, 1, 6, 45, 0); Expected = '0 45 6 * * *' }
            @{ Value = [timespan]::new(23, 59, 59); Expected = '59 59 23 * * *' }
        ) {
            (ConvertTo-MgwCron -Daily -At $Value).Expression | Should -Be $Expected
        }

        It 'rejects a value that is not a time of day' {
            $err = { ConvertTo-MgwCron -Daily -At '25:00' } | Should -Throw -PassThru -ErrorId 'ParameterArgumentTransformationError,MgwTools.Commands.ConvertToMgwCronCommand'
            $err.Exception.Message | Should -BeLike "*'25:00' is not a time of day*"
        }
    }

    Context '-Next, -TimeZone and -ServiceTimeZone' {
        It 'lists <Zone> local times across the spring-forward change' -ForEach @(
            @{ Zone = 'Europe/Berlin' }
            @{ Zone = 'W. Europe Standard Time' }
        ) {
            $cron = ConvertTo-MgwCron -Daily -At 02:00 -Next 3 -TimeZone $Zone -From $From
            $cron.TimeZone | Should -Be $Zone
            $cron.Next | Should -HaveCount 3
            $cron.Next.Utc.ForEach({ $_.ToString('yyyy-MM-ddTHH:mm:ssK') }) |
                Should -Be @('2026-03-28T02:00:00+00:00', '2026-03-29T02:00:00+00:00', '2026-03-30T02:00:00+00:00')
            $cron.Next.Local.ForEach({ $_.ToString('yyyy-MM-ddTHH:mm:ssK') }) |
                Should -Be @('2026-03-28T03:00:00+01:00', '2026-03-29T04:00:00+02:00', '2026-03-30T04:00:00+02:00')
        }

        It '-Next 0 lists nothing' {
            (ConvertTo-MgwCron -Daily -At 02:00 -Next 0).Next | Should -HaveCount 0
        }

        It '-ServiceTimeZone moves the runs and names the zone in the description' {
            $cron = ConvertTo-MgwCron -Daily -At 02:00 -ServiceTimeZone Asia/Shanghai -TimeZone UTC -From $From -Next 1
            $cron.ServiceTimeZone | Should -Be 'Asia/Shanghai'
            $cron.Description | Should -Be 'At 02:00:00, every day (Asia/Shanghai)'
            $cron.Next[0].Utc | Should -Be ([DateTimeOffset]'2026-03-27T18:00:00Z')
        }

        It 'completes time zone ids' {
            (Complete 'ConvertTo-MgwCron -Daily -At 02:00 -TimeZone Europe/Ber').CompletionText | Should -Contain 'Europe/Berlin'
            (Complete 'ConvertTo-MgwCron -Daily -At 02:00 -ServiceTimeZone UT').CompletionText | Should -Contain 'UTC'
        }
    }

    Context 'pipeline' {
        It 'converts every expression piped in, in order' {
            $crons = '0 2 * * *', '0 0 2 * * ?', '30 9 1,15 * *' | ConvertTo-MgwCron
            $crons.Expression | Should -Be @('0 0 2 * * *', '0 0 2 * * ?', '0 30 9 1,15 * *')
        }

        It 'keeps going after a bad expression and names it as the target' {
            $crons = '0 2 * * *', '0 */30 * * * *', '0 3 * * *' | ConvertTo-MgwCron -ErrorVariable errs -ErrorAction SilentlyContinue
            $crons.Expression | Should -Be @('0 0 2 * * *', '0 0 3 * * *')
            $errs | Should -HaveCount 1
            $errs[0].TargetObject | Should -Be '0 */30 * * * *'
        }

        It 'takes an MgwCron back by property name, to show it in another zone' {
            $cron = ConvertTo-MgwCron -Daily -At 02:00 | ConvertTo-MgwCron -TimeZone Asia/Tokyo -From $From -Next 1
            $cron.Expression | Should -Be '0 0 2 * * *'
            $cron.Next[0].Local.ToString('HH:mm K') | Should -Be '11:00 +09:00'
        }

        It 'binds as text: "$(ConvertTo-MgwCron -Daily -At 02:00)"' {
            "$(ConvertTo-MgwCron -Daily -At 02:00)" | Should -Be '0 0 2 * * *'
            [string](ConvertTo-MgwCron -Weekly -DayOfWeek Sunday -At 1:00) | Should -Be '0 0 1 ? * SUN'
        }
    }

    Context 'errors' {
        It '<Code> for <Expression>' -ForEach @(
            @{ Expression = '0 2 * *'; Code = 'InvalidCron'; Message = "'0 2 * *' has 4 fields; give a 5-field Unix cron*" }
            @{ Expression = '0 0 25 * * *'; Code = 'InvalidCron'; Message = "*the hour field (field 3 of 6) '25' is not valid*" }
            @{ Expression = '0 0 13 * 5'; Code = 'InvalidCron'; Message = '*runs when EITHER the day of month (13) OR the day of week (5) matches*' }
            @{ Expression = '0 */30 * * * *'; Code = 'CronTooFrequent'; Message = "*again 30 minutes later; the service needs at least 1 hour between runs*" }
            @{ Expression = '*/10 * * * *'; Code = 'CronTooFrequent'; Message = "*again 10 minutes later*" }
            @{ Expression = '0 0 0 30 2 *'; Code = 'CronNeverFires'; Message = "'0 0 0 30 2 *' is valid cron but never fires*" }
        ) {
            $err = Get-CronError { ConvertTo-MgwCron -Expression $Expression }
            $err.FullyQualifiedErrorId | Should -Be "$Code,MgwTools.Commands.ConvertToMgwCronCommand"
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike $Message
            $err.Exception.Error.Code | Should -Be $Code
            $err.Exception.Error.Field | Should -Be 'Expression'
            $err.TargetObject | Should -Be $Expression
        }

        It 'InvalidTimeZone for <Parameter> stops the command' -ForEach @(
            @{ Parameter = 'TimeZone' }
            @{ Parameter = 'ServiceTimeZone' }
        ) {
            $splat = @{ $Parameter = 'Mars/Olympus_Mons' }
            $err = Get-CronError { ConvertTo-MgwCron -Daily -At 02:00 @splat }
            $err.FullyQualifiedErrorId | Should -Be 'InvalidTimeZone,MgwTools.Commands.ConvertToMgwCronCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike "'Mars/Olympus_Mons' is not a time zone this machine knows. Give an IANA id*"
            $err.Exception.Error.Field | Should -Be $Parameter
            $err.TargetObject | Should -Be 'Mars/Olympus_Mons'
            { ConvertTo-MgwCron -Daily -At 02:00 @splat -ErrorAction SilentlyContinue } | Should -Throw
        }
    }

    Context 'bounds on hostile input' {
        It 'InvalidCron names the limit for <Scenario>' -ForEach @(
            @{ Scenario = '61 list items in a field'; Expression = '0 0 ' + ((1..61 | ForEach-Object { '1' }) -join ',') + ' * * *'
                Message = "The hour field of '0 0 1,1,1,*' lists 61 items: at most 60 list items (values, ranges or steps separated by commas) are allowed in a field. Use a range or a step instead, e.g. '0-30' or '*/5'." }
            @{ Scenario = '61 list items in a Unix cron'; Expression = ((1..61 | ForEach-Object { '5' }) -join ',') + ' 2 * * *'
                Message = "The minute field of '5,5,5,*' lists 61 items: at most 60 list items*" }
            @{ Scenario = '257 characters'; Expression = '0 0 2 * * ' + ('*'.PadLeft(247))
                Message = "The cron expression '0 0 2 * *  *… (257 characters)' is too long: at most 256 characters are allowed (a schedule the service accepts needs far fewer)." }
        ) {
            $err = Get-CronError { ConvertTo-MgwCron -Expression $Expression }
            $err.FullyQualifiedErrorId | Should -Be 'InvalidCron,MgwTools.Commands.ConvertToMgwCronCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -BeLike $Message
            $err.TargetObject | Should -Be $Expression
        }

        It 'refuses a NUL inside the expression (the parser would stop reading there)' {
            $expression = "0 0 2 * * MON$([char]0)anything"
            $err = Get-CronError { ConvertTo-MgwCron -Expression $expression }
            $err.FullyQualifiedErrorId | Should -Be 'InvalidCron,MgwTools.Commands.ConvertToMgwCronCommand'
            $err.Exception.Message | Should -Be "'0 0 2 * * MON\0anything' holds a control character (U+0000) at position 14: a cron expression is written in ASCII (digits, letters, * ? , - / # and spaces)."
        }

        It 'survives the 240 KB cron of the issue in a child pwsh: InvalidCron naming the limit' {
            # Built inside the child (an argument that long cannot pass a command line). Before the bound
            # Cronos's recursive list parser ended the process with "Stack overflow".
            $out = Invoke-FreshPwsh @'
$expression = '0 0 ' + ((1..120000 | ForEach-Object { '1' }) -join ',') + ' * * *'
"length: $($expression.Length)"
$result = ConvertTo-MgwCron $expression -ErrorVariable errs -ErrorAction SilentlyContinue
"results: $(@($result).Count)"
"id: $($errs[0].FullyQualifiedErrorId)"
"message: $($errs[0].Exception.Message)"
'survived'
'@ 2>&1
            $LASTEXITCODE | Should -Be 0
            $out | Should -Contain 'length: 240009'
            $out | Should -Contain 'results: 0'
            $out | Should -Contain 'id: InvalidCron,MgwTools.Commands.ConvertToMgwCronCommand'
            $out | Where-Object { $_ -like 'message: *' } | Should -BeLike "message: The cron expression '0 0 1,1,1,*… (240,009 characters)' is too long: at most 256 characters are allowed*"
            $out | Should -Contain 'survived'
        }

        It 'survives a CSV cell holding the 240 KB cron piped to New-MgwJob -WhatIf, in a child pwsh' {
            $csv = Join-Path $TestDrive 'huge-cron.csv'
            $huge = '0 0 ' + ((1..120000 | ForEach-Object { '1' }) -join ',') + ' * * *'
            Set-Content -Path $csv -Encoding utf8NoBOM -Value @(
                'job-name,src-address,dest-address,overwrite-mode,transfer-mode,start-cron-expression'
                "huge-cron,src-a,dest-a,always,all,`"$huge`""
                'after-it,src-a,dest-a,always,all,0 0 2 * * *'
            )
            $out = Invoke-FreshPwsh @"
`$svc = Start-MgwEmulator -Address src-a, dest-a -PassThru
Import-Csv '$csv' | New-MgwJob -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue
"ids: `$(`$errs.FullyQualifiedErrorId -join ';')"
"message: `$(`$errs[0].Exception.Message)"
"requests: `$(`$svc.Stats.Requests)"
'survived'
"@ 2>&1
            $LASTEXITCODE | Should -Be 0
            # A spec field over its length limit is ValueTooLong for every field (Test-MgwJobSpec's rules); the
            # cron parser's own bound (InvalidCron) is the second line of defence, proven above through ConvertTo-MgwCron.
            $out | Should -Contain 'ids: ValueTooLong,MgwTools.Commands.NewMgwJobCommand'
            $out | Where-Object { $_ -like 'message: *' } | Should -BeLike "message: Row 1 'huge-cron': StartCron '0 0 1,1,1,*' is 240,009 characters; a cron takes at most 256.*"
            $out | Where-Object { $_ -like "What if: Create migration job 'after-it'*" } | Should -HaveCount 1
            $out | Should -Contain 'requests: 0'
            $out | Should -Contain 'survived'
        }

        It '-From 9999-12-31 with <Set> is FromOutOfRange, never a raw exception' -ForEach @(
            @{ Set = '-Daily'; Splat = @{ Daily = $true; At = '02:00' } }
            @{ Set = '-Weekly'; Splat = @{ Weekly = $true; DayOfWeek = 'Monday'; At = '02:00' } }
            @{ Set = '-Monthly'; Splat = @{ Monthly = $true; DayOfMonth = 1; At = '02:00' } }
            @{ Set = '-Hourly'; Splat = @{ Hourly = $true } }
            @{ Set = '-Expression -Next 1000'; Splat = @{ Expression = '0 2 * * *'; Next = 1000 } }
            @{ Set = '-Daily in zones at both ends of the offsets'; Splat = @{ Daily = $true; At = '23:00'; TimeZone = 'Pacific/Kiritimati'; ServiceTimeZone = 'Etc/GMT+12' } }
        ) {
            $err = Get-CronError { ConvertTo-MgwCron @Splat -From ([datetimeoffset]'9999-12-31T00:00:00Z') }
            $err.FullyQualifiedErrorId | Should -Be 'FromOutOfRange,MgwTools.Commands.ConvertToMgwCronCommand'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception | Should -BeOfType MgwTools.MgwException
            $err.Exception.Error.Field | Should -Be 'From'
            $err.Exception.Message | Should -Be '-From 9999-12-31 00:00:00 +00:00 is outside the calendar runs are computed in: give an instant from 0001-01-04 to 9999-12-28 (UTC).'
            $err.TargetObject | Should -Be ([datetimeoffset]'9999-12-31T00:00:00Z')
        }

        It 'lists what fits before the calendar ends, at UTC+14 and UTC-12' {
            $cron = ConvertTo-MgwCron -Expression '0 2 1 * *' -From ([datetimeoffset]'9990-01-01T00:00:00Z') -Next 1000 -TimeZone Pacific/Kiritimati -ServiceTimeZone Etc/GMT+12
            $cron.Next | Should -HaveCount 120
            $cron.Next[-1].Utc | Should -Be ([datetimeoffset]'9999-12-01T14:00:00Z')
            $cron.Next[-1].Local | Should -Be ([datetimeoffset]'9999-12-02T04:00:00+14:00')
        }

        It 'a schedule with no run left before the calendar ends is FromOutOfRange, not CronNeverFires' {
            $err = Get-CronError { ConvertTo-MgwCron -Expression '0 0 0 29 2 *' -From ([datetimeoffset]'9997-01-01T00:00:00Z') }
            $err.FullyQualifiedErrorId | Should -Be 'FromOutOfRange,MgwTools.Commands.ConvertToMgwCronCommand'
            $err.Exception.Message | Should -Be "'0 0 0 29 2 *' has no run between 9997-01-01 00:00:00Z and 9999-12-28, the last day runs are computed for; give an earlier -From."
        }

        It 'InvalidTimeZone, escaped and cut, for <Scenario>' -ForEach @(
            @{ Scenario = 'a folder of the zone database'; Zone = 'America'; Message = "'America' is not a time zone this machine knows.*" }
            @{ Scenario = '100,000 characters'; Zone = 'z' * 100000; Message = "'zzzz*… (100,000 characters)' is not a time zone this machine knows.*" }
        ) {
            $err = Get-CronError { ConvertTo-MgwCron -Daily -At 02:00 -ServiceTimeZone $Zone }
            $err.FullyQualifiedErrorId | Should -Be 'InvalidTimeZone,MgwTools.Commands.ConvertToMgwCronCommand'
            $err.Exception.Message | Should -BeLike $Message
            $err.Exception.Message.Length | Should -BeLessThan 400
        }

        It 'InvalidTimeZone escapes a control character in the id' {
            $err = Get-CronError { ConvertTo-MgwCron -Daily -At 02:00 -ServiceTimeZone "Europe/$([char]27)[2JBerlin" }
            $err.FullyQualifiedErrorId | Should -Be 'InvalidTimeZone,MgwTools.Commands.ConvertToMgwCronCommand'
            $err.Exception.Message | Should -BeLike '''Europe/\u001B`[2JBerlin'' is not a time zone this machine knows.*'
            $err.Exception.Message | Should -Not -Match ([char]27)
        }

        It '-At with 100,000 characters is refused with a short message' {
            $err = { ConvertTo-MgwCron -Daily -At ('1' * 100000) } | Should -Throw -PassThru -ErrorId 'ParameterArgumentTransformationError,MgwTools.Commands.ConvertToMgwCronCommand'
            $err.Exception.Message | Should -BeLike "*'1111*… (100,000 characters)' is not a time of day*"
            $err.Exception.Message.Length | Should -BeLessThan 600
        }
    }

    Context 'runs as dates' {
        BeforeAll {
            $script:Cron = ConvertTo-MgwCron -Daily -At 02:00 -TimeZone Asia/Tokyo -From ([datetimeoffset]'2030-01-01T00:00:00Z') -Next 3
            $script:Past = ConvertTo-MgwCron -Daily -At 02:00 -From ([datetimeoffset]'2020-01-01T00:00:00Z') -Next 1
        }

        It '[datetimeoffset] and [datetime] casts give the instant' {
            [datetimeoffset]$Cron.Next[0] | Should -Be ([datetimeoffset]'2030-01-01T02:00:00Z')
            ([datetimeoffset]$Cron.Next[0]).Offset | Should -Be ([timespan]::Zero)
            ([datetime]$Cron.Next[0]).Kind | Should -Be 'Local'
            [datetime]$Cron.Next[0] | Should -Be ([datetimeoffset]'2030-01-01T02:00:00Z').LocalDateTime
            [datetimeoffset[]]$Cron.Next | Should -HaveCount 3
        }

        It 'compares with Get-Date on either side' {
            $Cron.Next[0] -gt (Get-Date) | Should -BeTrue
            (Get-Date) -lt $Cron.Next[0] | Should -BeTrue
            $Past.Next[0] -lt (Get-Date) | Should -BeTrue
            (Get-Date) -ge $Past.Next[0] | Should -BeTrue
            $Cron.Next[0] -gt [datetimeoffset]::UtcNow | Should -BeTrue
            $Cron.Next[0] -eq [datetimeoffset]'2030-01-01T11:00:00+09:00' | Should -BeTrue
            @($Cron.Next + $Past.Next | Where-Object { $_ -gt (Get-Date) }) | Should -HaveCount 3
        }

        It 'sorts and subtracts as instants' {
            ($Past.Next + $Cron.Next | Sort-Object -Descending)[0].Utc | Should -Be ([datetimeoffset]'2030-01-03T02:00:00Z')
            [datetimeoffset]$Cron.Next[1] - [datetimeoffset]$Cron.Next[0] | Should -Be ([timespan]::FromDays(1))
        }

        It 'still shows both zones in the table of runs' {
            $text = $Cron.Next | Out-String -Width 120
            $text | Should -Match 'Utc\s+Local\s+TimeZone'
            $text | Should -Match 'Tue 2030-01-01 02:00:00Z\s+Tue 2030-01-01 11:00:00 \+09:00\s+Asia/Tokyo'
        }
    }

    Context 'completion and views' {
        It 'completes -DayOfWeek through TabExpansion2' {
            $line = 'ConvertTo-MgwCron -Weekly -At 02:00 -DayOfWeek Mo'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Monday')
            $line = 'ConvertTo-MgwCron -Weekly -At 02:00 -DayOfWeek Friday, S'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Saturday', 'Sunday')
        }

        It 'shows a table with the expression, next run and description' {
            $text = ConvertTo-MgwCron -Daily -At 02:00 -TimeZone UTC | Out-String -Width 120
            $text | Should -Match 'Expression\s+NextRun\s+Description'
            $text | Should -Match '0 0 2 \* \* \*\s+\w{3} \d{4}-\d\d-\d\d 02:00 \+00:00\s+At 02:00:00, every day \(UTC\)'
        }

        It 'lists the next runs one per line in Format-List' {
            $text = ConvertTo-MgwCron -Daily -At 02:00 -TimeZone Europe/Berlin -From $From -Next 2 | Format-List | Out-String -Width 120
            $text | Should -Match 'Next\s+: 2026-03-28 02:00:00Z = Sat 2026-03-28 03:00:00 \+01:00 \(Europe/Berlin\)'
            $text | Should -Match '\n\s+2026-03-29 02:00:00Z = Sun 2026-03-29 04:00:00 \+02:00 \(Europe/Berlin\)'
        }

        It 'shows occurrences as a table' {
            $text = (ConvertTo-MgwCron -Daily -At 02:00 -TimeZone Europe/Berlin -From $From -Next 1).Next | Out-String -Width 120
            $text | Should -Match 'Utc\s+Local\s+TimeZone'
            $text | Should -Match 'Sat 2026-03-28 02:00:00Z\s+Sat 2026-03-28 03:00:00 \+01:00\s+Europe/Berlin'
        }
    }
}

Describe 'ConvertTo-MgwCron and the session schedule zone' {
    It 'assumes the zone set by Connect-Mgw -ScheduleTimeZone when -ServiceTimeZone is not given' {
        $emu = Start-MgwEmulator -NoConnect -PassThru
        try {
            Connect-Mgw -AccountId $emu.AccountId -Region $emu.Region -Endpoint $emu.Endpoint -Credential $emu.Credential -ScheduleTimeZone 'Asia/Shanghai'
            $cron = ConvertTo-MgwCron -Daily -At 02:00 -From ([datetimeoffset]'2026-01-01T00:00:00Z') -Next 1
            $cron.Next[0].Utc.ToString('o') | Should -Be '2026-01-01T18:00:00.0000000+00:00'
            $explicit = ConvertTo-MgwCron -Daily -At 02:00 -ServiceTimeZone UTC -From ([datetimeoffset]'2026-01-01T00:00:00Z') -Next 1
            $explicit.Next[0].Utc.ToString('o') | Should -Be '2026-01-01T02:00:00.0000000+00:00'
        }
        finally {
            Disconnect-Mgw
            $emu | Stop-MgwEmulator -ErrorAction Ignore
        }
    }
}
