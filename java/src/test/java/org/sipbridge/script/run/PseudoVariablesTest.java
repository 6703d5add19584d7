package org.sipbridge.script.run;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.sipbridge.script.ScriptHarness;
import org.sipbridge.testing.LogCapture;
import org.sipbridge.testing.SlotMessage;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every pseudo-variable read on a real message, and the writable ones written. */
class PseudoVariablesTest {

    private static List<String> xlog(String script, String message) {
        try (ScriptHarness h = ScriptHarness.of(script); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request(message);
            return log.messages();
        }
    }

    private static List<String> xlog(String script) {
        return xlog(script, ScriptHarness.INVITE);
    }

    @Test
    void requestLineAndHeaders() {
        assertEquals(List.of(
                "rm=INVITE ru=sip:bob@biloxi.example.com rU=bob rd=biloxi.example.com rp=5060",
                "fu=sip:alice@atlanta.example.com fU=alice fd=atlanta.example.com ft=9fxced76sl fn=\"Alice\"",
                "tu=sip:bob@biloxi.example.com tU=bob td=biloxi.example.com tt=<null>",
                "ci=3848276298220188511@atlanta.example.com cs=314159 ua=test-ua/1.0 ct=<sip:alice@192.0.2.10:5062>",
                "cl=0 ml=" + ScriptHarness.INVITE.length() + " rb= mi>0=1 du=<null> rs=<null> rr=<null>",
                "si=192.0.2.10 sp=5062 Ri=127.0.0.1 Rp=5060 pr=udp",
                "hdr=70 first=one second=two last=two all=one,two none=<null> compact=<sip:bob@biloxi.example.com>",
                "ou=sip:bob@biloxi.example.com oU=bob od=biloxi.example.com op=5060"),
                xlog("""
                        route {
                            xlog("rm=$rm ru=$ru rU=$rU rd=$rd rp=$rp");
                            xlog("fu=$fu fU=$fU fd=$fd ft=$ft fn=$fn");
                            xlog("tu=$tu tU=$tU td=$td tt=$tt");
                            xlog("ci=$ci cs=$cs ua=$ua ct=$ct");
                            if ($mi > 0) $var(pos) = 1;
                            xlog("cl=$cl ml=$ml rb=$rb mi>0=$var(pos) du=$du rs=$rs rr=$rr");
                            xlog("si=$si sp=$sp Ri=$Ri Rp=$Rp pr=$pr");
                            xlog("hdr=$hdr(Max-Forwards) first=$hdr(x-multi)[0] second=$hdr(X-Multi)[1] last=$hdr(X-Multi)[-1] all=$(hdr(X-Multi)[*]) none=$hdr(X-Multi)[2] compact=$hdr(t)");
                            xlog("ou=$ou oU=$oU od=$od op=$op");
                        }
                        """));
    }

    /** 1.11's $au family: the digest credentials, Proxy-Authorization before Authorization. */
    @Test
    void credentials() {
        String withBoth = ScriptHarness.INVITE.replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n"
                + "Authorization: Digest username=\"www-user\", realm=\"www.example.com\", nonce=\"n1\", uri=\"sip:x\", response=\"r\"\r\n"
                + "Proxy-Authorization: Digest username=\"alice@atlanta.example.com\",realm=\"atlanta.example.com\",\r\n"
                + " nonce=\"4f2c\\\"9\", uri=\"sip:bob@biloxi.example.com\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5\r\n");
        String script = """
                route {
                    xlog("au=$au ad=$ad aU=$aU ar=$ar adu=$adu an=$an");
                }
                """;
        assertEquals(List.of("au=alice ad=atlanta.example.com aU=alice@atlanta.example.com ar=atlanta.example.com "
                        + "adu=sip:bob@biloxi.example.com an=4f2c\\\"9"),
                xlog(script, withBoth));
        String www = ScriptHarness.INVITE.replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n"
                + "Authorization: digest Username=bob, Realm=\"biloxi.example.com\", nonce=\"\", uri=\"sip:y\"\r\n");
        assertEquals(List.of("au=bob ad=<null> aU=bob ar=biloxi.example.com adu=sip:y an=<null>"), xlog(script, www));
        assertEquals(List.of("au=<null> ad=<null> aU=<null> ar=<null> adu=<null> an=<null>"), xlog(script));
    }

    @Test
    void replyValues() {
        String reply = SlotMessage.crlf("""
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK74bf9
                From: <sip:alice@atlanta.example.com>;tag=9fxced76sl
                To: <sip:bob@biloxi.example.com>;tag=314
                Call-ID: 1@a
                CSeq: 2 INVITE
                Content-Length: 0

                """);
        try (ScriptHarness h = ScriptHarness.of("onreply_route { xlog(\"rs=$rs rr=$rr rm=$rm tt=$tt ru=$ru\"); "
                + "if (status =~ \"^1[0-9][0-9]$\" && $rs < 200) xlog(\"provisional\"); }");
             LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.load(reply);
            assertEquals(true, h.script.runReply(h.ctx));
            assertEquals(List.of("rs=180 rr=Ringing rm=INVITE tt=314 ru=<null>", "provisional"), log.messages());
        }
    }

    @Test
    void writingTheRequestUriAndItsParts() {
        assertEquals(List.of(
                "sip:carol@biloxi.example.com",
                "sip:carol@10.0.0.1",
                "sip:carol@10.0.0.1:5080 port=5080",
                "sip:10.0.0.1:5080",
                "sip:dave@10.0.0.1 rU=dave",
                "du=sip:proxy.example.com;lr then <null>",
                "ou still sip:bob@biloxi.example.com"),
                xlog("""
                        route {
                            $rU = "carol"; xlog("$ru");
                            $rd = "10.0.0.1"; xlog("$ru");
                            $rp = 5080; xlog("$ru port=$rp");
                            $rU = NULL; xlog("$ru");
                            $ru = "sip:dave@10.0.0.1"; xlog("$ru rU=$rU");
                            $du = "sip:proxy.example.com;lr"; $var(d) = $du; $du = NULL;
                            xlog("du=$var(d) then $du");
                            xlog("ou still $ou");
                        }
                        """));
    }

    @Test
    void variablesAndAvps() {
        assertEquals(List.of(
                "s=sip:bob@x n=7 concat=n=7",
                "avp=3 all=3,2,1 oldest=1 count after := is 9/<null>",
                "deleted=<null>"),
                xlog("""
                        route {
                            $var(s) = "sip:" + $rU + "@x"; $var(n) = 3 + 4; $var(c) = "n=" + $var(n);
                            xlog("s=$var(s) n=$var(n) concat=$var(c)");
                            $avp(a) = 1; $avp(a) = 2; $avp(a) = 3;
                            $avp(b) = 1; $avp(b) = 2; $avp(b) := 9;
                            xlog("avp=$avp(a) all=$(avp(a)[*]) oldest=$avp(a)[-1] count after := is $avp(b)/$avp(b)[1]");
                            $avp(a) = NULL;
                            xlog("deleted=$avp(a)");
                        }
                        """));
    }

    @Test
    void scriptVariablesStayAcrossMessagesAvpsDoNot() {
        try (ScriptHarness h = ScriptHarness.of("""
                route {
                    if ($var(seen) == NULL) $var(seen) = 0;
                    $var(seen) = $var(seen) + 1;
                    xlog("seen=$var(seen) avp=$avp(x)");
                    $avp(x) = "set";
                }
                """); LogCapture log = new LogCapture("xlog", Level.DEBUG)) {
            h.request();
            h.request();
            assertEquals(List.of("seen=1 avp=<null>", "seen=2 avp=<null>"), log.messages());
        }
    }

    @Test
    void arithmeticAndComparisonRules() {
        try (ScriptHarness h = ScriptHarness.of("""
                route {
                    $var(a) = 7 - 2 * 3; $var(b) = 17 % 5; $var(c) = 1 << 4; $var(d) = 6 & 3;
                    xlog("a=$var(a) b=$var(b) c=$var(c) d=$var(d)");
                    $var(e) = 1 + "x";
                    xlog("e=$var(e)");
                    if ($hdr(Max-Forwards) > 9) xlog("numeric compare");
                    if ($rU == "BOB") xlog("case-insensitive");
                    if ($var(nothing) == NULL && $du == NULL) xlog("nulls");
                    if (!($rm == "BYE")) xlog("not");
                    $var(x) = 5; $var(x) += 10; $var(x) *= 2;
                    xlog("x=$var(x)");
                }
                """); LogCapture log = new LogCapture("xlog", Level.DEBUG);
             LogCapture err = new LogCapture("org.sipbridge.script", Level.DEBUG)) {
            h.request();
            assertEquals(List.of("a=1 b=2 c=16 d=2", "e=<null>", "numeric compare", "case-insensitive", "nulls", "not",
                    "x=30"), log.messages());
            assertEquals(List.of("t.cfg:4:17: invalid numeric operands"), err.messages());
        }
    }

    @Test
    void regexMatchesAreCaseInsensitiveSearches() {
        assertEquals(List.of("1", "2", "3", "4"), xlog("""
                route {
                    if ($rd =~ "BILOXI") xlog("1");
                    if ($ru =~ "^sip:[[:alpha:]]+@") xlog("2");
                    $var(p) = "example\\.com$";
                    if ($rd =~ $var(p)) xlog("3");
                    if ($var(missing) !~ "x") xlog("4");
                    if ($rd =~ "^example") xlog("no");
                }
                """));
    }

    @Test
    void coreKeywordsAndMyself() {
        assertEquals(List.of("method", "src net", "src ip", "port", "proto", "uri not mine", "mine", "len"), xlog("""
                listen=udp:127.0.0.1:5060
                alias=biloxi.example.com
                route {
                    if (method == "INVITE") xlog("method");
                    if (src_ip == 192.0.2.0/24 && src_ip != 10.0.0.0/8) xlog("src net");
                    if (src_ip == 192.0.2.10) xlog("src ip");
                    if (src_port == 5062 && dst_port == 5060) xlog("port");
                    if (proto == "udp" && proto == 1) xlog("proto");
                    if (from_uri != myself) xlog("uri not mine");
                    if (uri == myself) xlog("mine");
                    if (msg:len > 100) xlog("len");
                }
                """));
    }
}
