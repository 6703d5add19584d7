/* The reference point of the bridge benchmark: a hand-written JNI stub that calls a
 * module function through its pointer, with no trampoline, lock or accounting. */
#include <jni.h>
#include <stdint.h>

typedef int (*cmd6_f)(void *, char *, char *, char *, char *, char *, char *);

JNIEXPORT jint JNICALL Java_org_sipbridge_bridge_JniDirect_call(JNIEnv *env, jclass cls,
		jlong function, jlong msg, jlong p1)
{
	(void)env;
	(void)cls;
	return ((cmd6_f)(intptr_t)function)((void *)(intptr_t)msg, (char *)(intptr_t)p1, 0, 0, 0, 0, 0);
}
