### common：各处共用的词——模型词汇（接口、故障归类、结果）和计数。

## 检查接口（model::Interface::name）。

common-interface-swipe = 刷卡
common-interface-chip = 插卡
common-interface-network = 网络

## 故障归类（model::Family::name；diagnosis.md §1）。

common-family-bank = 银行系统
common-family-net = 网络
common-family-term-hw = 终端硬件
common-family-term-sw = 终端软件
common-family-card = 卡片
common-family-acct = 持卡人账户
common-family-tech = 操作手法
common-family-unknown = 未分类

## 单次检查的结果（model::Outcome::name）。CSV 中仍为 PASS/FAIL/SKIP/ERROR。

common-outcome-pass = 通过
common-outcome-fail = 失败
common-outcome-skip = 跳过
common-outcome-error = 错误

## 计数。中文没有复数形式。

# $count（数字）检查项数："1 项检查"。
common-check-count = { $count } 项检查

common-track-status =
    { $code ->
        [ok] 正常
        [no_data] 无数据
        [no_start_sentinel] 无起始符
        [no_end_sentinel] 无结束符
        [parity] 奇偶校验错
        [lrc] LRC 校验错
        [blank] 空白
        [line_damaged] 线路传输损坏
       *[other] { $code }
    }
common-track-parity-at = 第 { $char_no } 个字符奇偶校验错
common-track-bad-format = 格式错误：{ $why }
common-track-reader-error = 读卡器错误 { $code }
