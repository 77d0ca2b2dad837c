package dev.rustbin.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A JDBC object in front of Calcite's: the few methods rustbin answers differently go to
 * {@link #intercept}, every other call goes to the Calcite object unchanged. A proxy rather than a
 * hand-written delegate keeps each wrapper to the methods it changes.
 */
abstract class Interceptor<T> implements InvocationHandler {

    /** Returned by {@link #intercept} for a call the Calcite object answers as it is. */
    static final Object PASS = new Object();

    final T target;

    Interceptor(T target) {
        this.target = target;
    }

    abstract Object intercept(T proxy, Method method, Object[] args) throws Throwable;

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Interceptor<? super T> interceptor) {
        return (T) Proxy.newProxyInstance(Interceptor.class.getClassLoader(), new Class<?>[] {type}, interceptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("equals") && method.getParameterCount() == 1) {
            return proxy == args[0];
        }
        if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
            return System.identityHashCode(proxy);
        }
        Object answer = intercept((T) proxy, method, args == null ? new Object[0] : args);
        return answer != PASS ? answer : callTarget(method, args);
    }

    /** The Calcite object's own answer, its exceptions unwrapped. */
    final Object callTarget(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
