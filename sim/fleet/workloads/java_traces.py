"""Java stack traces as logback (Spring Boot's `%wEx`) and `printStackTrace` print them.

logback: `<exception>: <message>` then `\\tat <frame> ~[<jar>!/:<version>]` (packaging
data), each cause as `Caused by: ...` ending in `\\t... N common frames omitted`.
`Throwable.printStackTrace` (stderr): no packaging data, causes end in `\\t... N more`.
Frames are a Spring MVC 5.3 / Tomcat 9 request stack and a scheduler stack, with the
application's own frames on top.
"""

from __future__ import annotations

import random

_SPRING = "5.3.31"
_TOMCAT = "9.0.83"
_JDK = "~[na:na]"


def _sw(jar: str) -> str:
    return f"~[{jar}-{_SPRING}.jar!/:{_SPRING}]"


_TC = f"~[tomcat-embed-core-{_TOMCAT}.jar!/:na]"

# (frame, packaging data) from the controller's caller down to Thread.run.
REQUEST_STACK: tuple[tuple[str, str], ...] = (
    ("java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)", _JDK),
    (
        "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)",
        _JDK,
    ),
    (
        "java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)",
        _JDK,
    ),
    ("java.base/java.lang.reflect.Method.invoke(Method.java:569)", _JDK),
    (
        "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:205)",
        _sw("spring-web"),
    ),
    (
        "org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest(InvocableHandlerMethod.java:150)",
        _sw("spring-web"),
    ),
    (
        "org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle(ServletInvocableHandlerMethod.java:117)",
        _sw("spring-webmvc"),
    ),
    (
        "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.invokeHandlerMethod(RequestMappingHandlerAdapter.java:895)",
        _sw("spring-webmvc"),
    ),
    (
        "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.handleInternal(RequestMappingHandlerAdapter.java:808)",
        _sw("spring-webmvc"),
    ),
    (
        "org.springframework.web.servlet.mvc.method.AbstractHandlerMethodAdapter.handle(AbstractHandlerMethodAdapter.java:87)",
        _sw("spring-webmvc"),
    ),
    (
        "org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1072)",
        _sw("spring-webmvc"),
    ),
    (
        "org.springframework.web.servlet.DispatcherServlet.doService(DispatcherServlet.java:965)",
        _sw("spring-webmvc"),
    ),
    (
        "org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1006)",
        _sw("spring-webmvc"),
    ),
    (
        "org.springframework.web.servlet.FrameworkServlet.doPost(FrameworkServlet.java:909)",
        _sw("spring-webmvc"),
    ),
    ("javax.servlet.http.HttpServlet.service(HttpServlet.java:555)", _TC),
    (
        "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883)",
        _sw("spring-webmvc"),
    ),
    ("javax.servlet.http.HttpServlet.service(HttpServlet.java:623)", _TC),
    (
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:209)",
        _TC,
    ),
    (
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:153)",
        _TC,
    ),
    (
        "org.apache.tomcat.websocket.server.WsFilter.doFilter(WsFilter.java:51)",
        f"~[tomcat-embed-websocket-{_TOMCAT}.jar!/:na]",
    ),
    (
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:178)",
        _TC,
    ),
    (
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:153)",
        _TC,
    ),
    (
        "org.springframework.web.filter.RequestContextFilter.doFilterInternal(RequestContextFilter.java:100)",
        _sw("spring-web"),
    ),
    (
        "org.springframework.web.filter.OncePerRequestFilter.doFilter(OncePerRequestFilter.java:117)",
        _sw("spring-web"),
    ),
    (
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:178)",
        _TC,
    ),
    (
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:153)",
        _TC,
    ),
    (
        "org.springframework.web.filter.CharacterEncodingFilter.doFilterInternal(CharacterEncodingFilter.java:201)",
        _sw("spring-web"),
    ),
    (
        "org.springframework.web.filter.OncePerRequestFilter.doFilter(OncePerRequestFilter.java:117)",
        _sw("spring-web"),
    ),
    (
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:178)",
        _TC,
    ),
    (
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:153)",
        _TC,
    ),
    ("org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:168)", _TC),
    ("org.apache.catalina.core.StandardContextValve.invoke(StandardContextValve.java:90)", _TC),
    ("org.apache.catalina.authenticator.AuthenticatorBase.invoke(AuthenticatorBase.java:481)", _TC),
    ("org.apache.catalina.core.StandardHostValve.invoke(StandardHostValve.java:130)", _TC),
    ("org.apache.catalina.valves.ErrorReportValve.invoke(ErrorReportValve.java:93)", _TC),
    ("org.apache.catalina.core.StandardEngineValve.invoke(StandardEngineValve.java:74)", _TC),
    ("org.apache.catalina.connector.CoyoteAdapter.service(CoyoteAdapter.java:343)", _TC),
    ("org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:390)", _TC),
    ("org.apache.coyote.AbstractProcessorLight.process(AbstractProcessorLight.java:63)", _TC),
    (
        "org.apache.coyote.AbstractProtocol$ConnectionHandler.process(AbstractProtocol.java:926)",
        _TC,
    ),
    ("org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1791)", _TC),
    ("org.apache.tomcat.util.net.SocketProcessorBase.run(SocketProcessorBase.java:52)", _TC),
    (
        "org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1191)",
        _TC,
    ),
    (
        "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:659)",
        _TC,
    ),
    ("org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:61)", _TC),
    ("java.base/java.lang.Thread.run(Thread.java:840)", _JDK),
)
SCHEDULER_STACK: tuple[tuple[str, str], ...] = (
    ("java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)", _JDK),
    (
        "java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)",
        _JDK,
    ),
    (
        "java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)",
        _JDK,
    ),
    ("java.base/java.lang.reflect.Method.invoke(Method.java:569)", _JDK),
    (
        "org.springframework.scheduling.support.ScheduledMethodRunnable.run(ScheduledMethodRunnable.java:84)",
        _sw("spring-context"),
    ),
    (
        "org.springframework.scheduling.support.DelegatingErrorHandlingRunnable.run(DelegatingErrorHandlingRunnable.java:54)",
        _sw("spring-context"),
    ),
    ("java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:539)", _JDK),
    ("java.base/java.util.concurrent.FutureTask.runAndReset(FutureTask.java:305)", _JDK),
    (
        "java.base/java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask.run(ScheduledThreadPoolExecutor.java:305)",
        _JDK,
    ),
    (
        "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
        _JDK,
    ),
    (
        "java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
        _JDK,
    ),
    ("java.base/java.lang.Thread.run(Thread.java:840)", _JDK),
)
# (cause chain, outermost first): each is (exception, message lines); deeper frames per cause.
_HIBERNATE = "~[hibernate-core-5.6.15.Final.jar!/:5.6.15.Final]"
_PGJDBC = "~[postgresql-42.6.0.jar!/:42.6.0]"
CAUSE_FRAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "org.hibernate.exception.ConstraintViolationException": (
        (
            "org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:59)",
            _HIBERNATE,
        ),
        (
            "org.hibernate.exception.internal.StandardSQLExceptionConverter.convert(StandardSQLExceptionConverter.java:37)",
            _HIBERNATE,
        ),
        (
            "org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:113)",
            _HIBERNATE,
        ),
        (
            "org.hibernate.engine.jdbc.internal.ResultSetReturnImpl.executeUpdate(ResultSetReturnImpl.java:200)",
            _HIBERNATE,
        ),
    ),
    "org.postgresql.util.PSQLException": (
        (
            "org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2713)",
            _PGJDBC,
        ),
        (
            "org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2401)",
            _PGJDBC,
        ),
        ("org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:368)", _PGJDBC),
        ("org.postgresql.jdbc.PgStatement.executeInternal(PgStatement.java:498)", _PGJDBC),
        (
            "com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeUpdate(HikariProxyPreparedStatement.java)",
            "~[HikariCP-4.0.3.jar!/:na]",
        ),
    ),
    "java.net.SocketTimeoutException": (
        ("java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)", _JDK),
        ("java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)", _JDK),
        ("java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)", _JDK),
        ("java.base/sun.net.www.http.HttpClient.parseHTTP(HttpClient.java:799)", _JDK),
    ),
}


class TraceBuilder:
    """Builds traces for one application: its own classes sit on top of the framework's."""

    def __init__(self, rng: random.Random, app_classes: list[tuple[str, str]]) -> None:
        self.rng = rng
        self.app_classes = app_classes  # (fully qualified class, method)

    def _app_frames(
        self, n: int, jar: str = "~[classes!/:0.0.1-SNAPSHOT]"
    ) -> list[tuple[str, str]]:
        frames = []
        for cls, method in self.rng.sample(self.app_classes, min(n, len(self.app_classes))):
            simple = cls.rsplit(".", 1)[1]
            frames.append((f"{cls}.{method}({simple}.java:{self.rng.randrange(30, 400)})", jar))
        return frames

    def logback(
        self, head: str, stack: tuple[tuple[str, str], ...], causes: list[tuple[str, str]]
    ) -> list[str]:
        """`head` (exception: message) over app frames and `stack`, then each cause."""
        frames = self._app_frames(self.rng.randrange(2, 6)) + list(stack)
        lines = [head, *(f"\tat {frame} {jar}" for frame, jar in frames)]
        for exception, message in causes:
            own = CAUSE_FRAMES.get(exception, ())
            # A message may span lines (PgJDBC adds "  Detail: ..."): print it as is.
            text = f"Caused by: {exception}: {message}" if message else f"Caused by: {exception}"
            lines += text.split("\n")
            lines += [f"\tat {frame} {jar}" for frame, jar in own]
            lines.append(f"\t... {len(frames) - self.rng.randrange(1, 3)} common frames omitted")
        return lines

    def plain(self, head: str, cause: str) -> list[str]:
        """`printStackTrace()`: no packaging data, causes end in `... N more`."""
        frames = self._app_frames(self.rng.randrange(3, 7)) + list(SCHEDULER_STACK[6:])
        lines = [head, *(f"\tat {frame}" for frame, _ in frames)]
        own = CAUSE_FRAMES["java.net.SocketTimeoutException"]
        lines.append(f"Caused by: {cause}")
        lines += [f"\tat {frame}" for frame, _ in own]
        lines.append(f"\t... {len(frames) - 1} more")
        return lines
