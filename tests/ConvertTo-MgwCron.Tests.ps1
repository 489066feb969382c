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
