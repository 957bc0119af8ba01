### cli：命令行本身——命令无法运行时的错误（stderr 一行，附解决办法）及多个子命令共用的词。

cli-error = cardbench：错误：{ $message }

## 附在错误后的解决办法（“… — 办法”）。

cli-fix-connect-refused = { $addr } 上没有程序在监听：请在该地址启动主机（或 ser2net），或检查地址和端口
cli-fix-link = 请为 --link 指定一个新路径或已有的符号链接；普通文件和目录永远不会被替换
cli-fix-nothing-to-check = 请接上读卡器，或用 --device 指定 类型:目标（crt310:/dev/ttyUSB0、msr605:rfc2217://主机:端口）
cli-fix-help = cardbench --help 列出全部命令，cardbench 命令 --help 列出该命令的参数
