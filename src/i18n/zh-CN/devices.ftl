### devices：读卡器驱动、`read` 和模拟器：设备状态与错误。
### 消息 id 以 `devices-` 开头。见 docs/i18n.md。

## CRT-310 commands as the frame log names them (codec::crt310::command_name_in; manual §4).

devices-crt310-cmd-reset = 复位
devices-crt310-cmd-reset-eject-front = 复位，前端出卡
devices-crt310-cmd-reset-eject-rear = 复位，后端出卡
devices-crt310-cmd-read-serial = 读序列号
devices-crt310-cmd-write-serial = 写序列号
devices-crt310-cmd-card-entry-control = 进卡控制
devices-crt310-cmd-stop-position = 停卡位置
devices-crt310-cmd-led-on = 指示灯亮
devices-crt310-cmd-led-off = 指示灯灭
devices-crt310-cmd-led-twinkle = 指示灯闪烁
devices-crt310-cmd-sim-power-off = SIM 卡下电
devices-crt310-cmd-reader-status = 读卡器状态
devices-crt310-cmd-sensor-status = 传感器状态
devices-crt310-cmd-detect-ic = 检测芯片卡类型
devices-crt310-cmd-move-card = 移动卡片
devices-crt310-cmd-ic-power-on = 芯片上电
devices-crt310-cmd-ic-power-off = 芯片下电
devices-crt310-cmd-cpu-cold-reset = CPU 卡冷复位
devices-crt310-cmd-cpu-warm-reset = CPU 卡热复位
devices-crt310-cmd-apdu-t0 = T=0 APDU
devices-crt310-cmd-apdu-t1 = T=1 APDU
devices-crt310-cmd-read-tracks = 读磁道
devices-crt310-cmd-reread-tracks = 重读磁道
devices-crt310-cmd-set-baud = 设置波特率
devices-crt310-cmd-unknown = 未知命令

## CRT-310 abnormal-response codes E (codec::crt310::error_text_in).

devices-crt310-error-undefined-cm = 未定义的 CM
devices-crt310-error-bad-pm = PM 错误
devices-crt310-error-cannot-execute = 命令无法执行
devices-crt310-error-bad-data = 数据包错误
devices-crt310-error-voltage = 供电电压超出范围
devices-crt310-error-abnormal-card = 机内卡片异常
devices-crt310-error-power-lost = 主电源掉电
devices-crt310-error-unknown = 未知错误码

## CRT-310 frame-log layers (device::crt310::log).

devices-crt310-layer-error = CRT-310 错误 N { $pm } E{ $code } { $meaning }
devices-layer-bytes = 字节
devices-layer-rapdu = R-APDU { $bytes } 字节 SW { $sw }

## C-APDUs in the frame log (device::emv::describe_capdu_in; EMV Book 3 §6.5). Chinese uses the PBOC names.

devices-apdu-short = { $bytes }（过短）
devices-apdu-select-pse = 选择 PSE
devices-apdu-select-ppse = 选择 PPSE
devices-apdu-select = 选择 { $aid }
devices-apdu-read-record = 读记录 { $record } SFI { $sfi }
devices-apdu-get-response = 取响应 { $le }
devices-apdu-get-data = 取数据 { $tag }
devices-apdu-verify = 验证（PIN 块已隐藏）
devices-apdu-gpo = 获取处理选项
devices-apdu-generate-ac = 生成应用密文
devices-apdu-internal-authenticate = 内部认证
