### doctor：`doctor`、`ports`、`probe`：串口检查及建议。
### 消息 id 以 `doctor-` 开头。见 docs/i18n.md。

## 一项检查的输出行。

doctor-level-ok = 正常
doctor-level-warn = 警告
doctor-level-fail = 失败
doctor-fix = { " " }— 解决办法：{ $fix }

## 检查项名称。

doctor-check-exists = 端口存在
doctor-check-permissions = 访问权限
doctor-check-in-use = 未被占用
doctor-check-modem-manager = ModemManager
doctor-check-latency = 延迟计时器
doctor-check-reachable = 网络可达
doctor-check-rfc2217 = RFC 2217
doctor-check-identity = 设备识别

## 系统错误。

doctor-io-not-found = 没有该文件或设备
doctor-io-permission-denied = 权限不足
doctor-io-refused = 连接被拒绝
doctor-io-timed-out = 超时
doctor-io-reset = 连接被对方关闭
doctor-io-unreachable = 地址不可达

## 检查结果与解决办法。

doctor-no-ports = 未找到串口（USB 转串口适配器显示为 /dev/ttyUSBn 或 /dev/ttyACMn）
doctor-exists-missing-fix = 请插好适配器并检查线缆；`cardbench ports` 和 `ls -l /dev/serial/by-id` 会列出现有端口
doctor-exists-stable-name = { $path }（固定名称 { $stable }）
doctor-exists-use-stable-name = 请使用固定名称 { $stable }：ttyUSBn 编号在重新插拔后会变化
doctor-exists-simulator = 内置模拟器
doctor-exists-listen = 测试台在 { $addr } 上监听
doctor-permissions-node-fix = 请检查设备节点的属主、属组和权限（`ls -l`），以及 ACL 或 SELinux 设置
doctor-permissions-mode = 权限 { $mode }，属组 `{ $group }`
doctor-permissions-root = { $desc }；以 `root` 身份运行
doctor-permissions-ok = { $desc }；当前用户可读写
doctor-permissions-not-in-group = { $desc }；当前用户不在 `{ $group }` 组中
doctor-permissions-join-group-fix = 执行 `sudo usermod -aG { $group } $USER`，然后注销并重新登录
doctor-permissions-root-group = { $desc }；只有 `root` 可以打开
doctor-permissions-root-group-fix = 用 udev 规则把该端口划给 `{ $group }` 组（`SUBSYSTEM=="tty", KERNEL=="{ $node }", GROUP="{ $group }", MODE="0660"`），再执行 `sudo usermod -aG { $group } $USER` 并重新登录
doctor-in-use-not-checked = 未检查：当前用户无权打开该端口（见访问权限）
doctor-in-use-held-by = 被占用：`{ $holders }`
doctor-in-use-modem-manager-fix = ModemManager 正在探测该端口：添加下面的 udev 规则，或执行 `sudo systemctl stop ModemManager`
doctor-in-use-close-fix = 请关闭该程序（若已失效可 `kill { $pid }`）
doctor-in-use-simulator = `cardbench sim`（pid { $pid }）的伪终端：模拟器自己保持打开，没有其他程序占用
doctor-in-use-free = 没有其他进程打开该端口；独占打开成功
doctor-open-permission-denied = 独占打开被拒绝：权限不足（并非被其他程序占用）
doctor-in-use-busy-fix = 请关闭占用该端口的程序
doctor-in-use-other-fix = 请查看提示信息；检查线缆和适配器
doctor-in-use-open-failed = 独占打开失败：{ $error }
doctor-mm-not-running = 未运行
doctor-mm-running = 正在运行（pid { $pid }）；它会向新串口发送 AT 指令并占用 10–20 秒
doctor-mm-fix = 把 `{ $rule }` 写入 /etc/udev/rules.d/99-cardbench.rules，然后执行 `sudo udevadm control --reload`
doctor-latency-none = 不是带延迟计时器的 USB 转串口适配器
doctor-latency-none-driver = 不是带延迟计时器的 USB 转串口适配器（驱动 `{ $driver }`）
doctor-latency-slow = { $ms } 毫秒（`{ $driver }`）；每个短应答最多多等 { $ms } 毫秒
doctor-latency-fix = `echo 1 | sudo tee { $file }`（永久生效：udev 规则 `ACTION=="add", SUBSYSTEM=="usb-serial", DRIVER=="{ $driver }", ATTR{"{"}latency_timer{"}"}="1"`）
doctor-latency-ok = { $ms } 毫秒（`{ $driver }`）
doctor-latency-unreadable = { $file } 无法读取
doctor-latency-unreadable-fix = 请以能读取 sysfs 的用户运行
doctor-tcp-ok = tcp://{ $addr } 可以连接
doctor-tcp-fix = 该主机上的 `ser2net` 是否在运行并导出了该端口（`ser2net.yaml` 中的 `accepter` 行：`tcp,端口`）？是否有防火墙？
doctor-refused = { $addr } 拒绝连接：该端口没有程序在监听
doctor-refused-fix = 请确认该主机上的 `ser2net` 正在运行并监听该端口（`systemctl status ser2net`；`ser2net.yaml` 中的 `accepter` 行）
doctor-rfc2217-ok = rfc2217://{ $addr } 已协商 `COM-PORT-OPTION`；服务器确认波特率 { $baud }
doctor-rfc2217-fix = `ser2net` 的 `accepter` 必须是 `telnet(rfc2217),tcp,端口`；裸 TCP 端口请用 tcp://
doctor-identity-ok = { $profile } 已应答：型号 { $model }，固件 { $firmware }，序列号 { $serial }
doctor-identity-fix = 请检查设备类型（{ $profile }）、波特率和线缆；给读卡器断电重启
doctor-identity-unknown-profile = 未知的设备类型「{ $profile }」（已知类型：{ $known }）
doctor-rfc2217-not-negotiated = rfc2217://{ $addr }：服务器未协商 `COM-PORT-OPTION`（RFC 2217）；是否为裸 TCP 端口？请试 tcp://{ $addr }

## `probe`：每行一项，标签补足 10 列。

doctor-probe-device = 设备
doctor-probe-link = 连接
doctor-probe-link-sim = 内置模拟器（伪终端 { $pty }）
doctor-probe-link-now = { $path }（当前指向 { $now }）
doctor-probe-profile = 设备类型
doctor-probe-model = 型号
doctor-probe-firmware = 固件
doctor-probe-serial = 序列号
doctor-probe-serial-none = （设备未提供）
doctor-probe-can = 支持
doctor-probe-can-host = 主机
doctor-probe-list-sep = 、
doctor-probe-card = 卡片
doctor-probe-status = 状态
doctor-probe-ready = 就绪

## `ports`：表头与串口类型。

doctor-ports-port = 串口
doctor-ports-type = 类型
doctor-ports-vid-pid = VID:PID
doctor-ports-serial = 序列号
doctor-ports-description = 说明
doctor-ports-kind =
    { $kind ->
        [usb] USB
        [pci] PCI
        [bluetooth] 蓝牙
        [unknown] 未知
       *[other] { $kind }
    }
doctor-ports-none = 未找到串口。USB 读卡器请检查连接与权限（`dialout` 组）；伪终端不会列出，请直接使用其路径。
