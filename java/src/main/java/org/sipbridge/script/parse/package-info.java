/**
 * The routing-script front-end: {@link org.sipbridge.script.parse.ScriptParser} turns an
 * OpenSIPS-style configuration file into the located tree of {@link org.sipbridge.script.ast},
 * or refuses it with a {@link org.sipbridge.script.parse.ConfigException} at the first problem.
 * {@link org.sipbridge.script.parse.ParseTool} prints a summary of a file from the command line.
 *
 * <h2>Error messages</h2>
 * {@code file:line:column: <what is wrong>, expected <what would be accepted>}. Lines and
 * columns are 1-based, a tab is one column, a problem inside a string points at the character
 * inside the string. A missing closing brace is reported against the brace it should close
 * (<code>unexpected 'route', expected '&#125;' to close the '&#123;' at line 12, column 6</code>); duplicates
 * name the first definition.
 *
 * <h2>The language</h2>
 * <ul>
 * <li>Comments {@code #...}, {@code //...} to the end of the line and {@code /* ... *}{@code /}
 *     (nesting, as in OpenSIPS). White space and line breaks do not matter.</li>
 * <li>Global settings {@code name = value}, the {@code ;} optional: every core setting of
 *     OpenSIPS 1.11 ({@link org.sipbridge.script.parse.SettingCatalog}), {@code listen}
 *     ({@code [udp|tcp|any:]HOST[:PORT] [as HOST[:PORT]] [use_children N]}, HOST an IPv4
 *     address, {@code *}, a host name or {@code [IPv6]}, quoted or not; several per line),
 *     {@code include_file}/{@code import_file} anywhere,
 *     {@code children}, {@code udp_receivers}, {@code tcp_idle_timeout} (integers &gt;= 1),
 *     {@code log_level} / {@code debug} (any integer), {@code log_stderror} (yes/no, true/false,
 *     on/off, enable/disable, 1/0), {@code mpath} (a string of colon-separated directories).
 *     Anything else is an unknown global parameter.</li>
 * <li>{@code loadmodule "file.so" ["opensips"|"openser"]} and
 *     {@code modparam("module regex", "param", "string"|integer)}, {@code ;} optional.</li>
 * <li>Blocks: {@code route}, {@code route[name]} ({@code route[0]} is the main route),
 *     {@code onreply_route} and {@code onreply_route[name]}, {@code failure_route[name]},
 *     {@code branch_route[name]}, {@code error_route}, {@code local_route}, {@code startup_route},
 *     {@code timer_route[name, seconds]}, {@code event_route[name]}. Names are words or numbers.</li>
 * <li>Statements, each ending with {@code ;} except the compound ones: function calls with up
 *     to six string or integer arguments, {@code if/else} (a body is a braced block or one
 *     statement), {@code switch} with string or integer {@code case} labels and a last
 *     {@code default}, {@code while}, {@code route(name)}, {@code return}, {@code return(n)},
 *     {@code return n}, {@code exit}, {@code drop} (the last two also with {@code ()}),
 *     {@code break} (inside switch or while only), assignments
 *     {@code $pv = := += -= *= /= %= &= |= ^= expression}, and the empty statement.</li>
 * <li>Expressions with C precedence: {@code || && | ^ &}, {@code == != =~ !~},
 *     {@code < <= > >=}, {@code << >>}, {@code + -}, {@code * / %}, unary {@code ! ~ -},
 *     except that {@code !} negates a whole comparison as in OpenSIPS
 *     ({@code !uri==myself} is {@code !(uri==myself)});
 *     {@code and}, {@code or}, {@code not} as words. Operands: pseudo-variables, strings,
 *     integers (decimal, {@code 0x} hexadecimal, {@code 0}-prefixed octal as in OpenSIPS),
 *     {@code null}/{@code NULL}, function calls, IPv4 literals with an optional {@code /prefix},
 *     {@code myself} (only beside {@code ==} or {@code !=}) and the core words {@code uri},
 *     {@code status}, {@code method}, {@code from_uri}, {@code to_uri}, {@code src_ip},
 *     {@code src_port}, {@code dst_ip}, {@code dst_port}, {@code proto}, {@code af},
 *     {@code msg:len}.</li>
 * <li>Pseudo-variables: see {@link org.sipbridge.script.parse.PvScanner}; inside strings see
 *     {@link org.sipbridge.script.parse.FormatParser}.</li>
 * </ul>
 *
 * <h2>Refused on purpose</h2>
 * Pseudo-variable contexts ({@code $(<reply>...)}) and the {@code {via.*}}, {@code {csv.*}},
 * {@code {sdp.*}}, {@code {re.*}} transformations; unquoted pseudo-variables, empty arguments or
 * {@code null} as function arguments (bare words only for the flag functions); string names in
 * {@code route("x")}; listen lines with tls/sctp; IPv6 literals in expressions; core statements
 * with special syntax (e.g. {@code force_send_socket(udp:1.2.3.4:5060)}).
 */
package org.sipbridge.script.parse;
