/* script_var.h's lists of named values: the core list (add_var, get_var_by_name) and the
 * helpers modules use on lists of their own (set_var_value, destroy_vars_list). */
#include <string.h>
#include "sb_core.h"
#include "../include/script_var.h"

static script_var_t *script_vars;
static pthread_mutex_t vars_lock = PTHREAD_MUTEX_INITIALIZER;

static script_var_t *find(str *name)
{
	script_var_t *it;
	for (it = script_vars; it; it = it->next)
		if (it->name.len == name->len && memcmp(it->name.s, name->s, name->len) == 0)
			return it;
	return NULL;
}

script_var_t *add_var(str *name)
{
	script_var_t *v;
	if (name == NULL || name->s == NULL || name->len <= 0) {
		LM_ERR("no variable name\n");
		return NULL;
	}
	pthread_mutex_lock(&vars_lock);
	if ((v = find(name)) == NULL) {
		v = sb_pkg_malloc_for(SB_CORE_MODULE, sizeof(*v));
		if (v != NULL) {
			memset(v, 0, sizeof(*v));
			v->name.s = sb_pkg_malloc_for(SB_CORE_MODULE, name->len + 1);
			if (v->name.s == NULL) {
				pkg_free(v);
				v = NULL;
			} else {
				memcpy(v->name.s, name->s, name->len);
				v->name.s[name->len] = 0;
				v->name.len = name->len;
				v->v.flags = VAR_VAL_NULL;
				v->next = script_vars;
				script_vars = v;
			}
		}
	}
	pthread_mutex_unlock(&vars_lock);
	if (v == NULL)
		LM_ERR("no pkg memory for variable %.*s\n", name->len, name->s);
	return v;
}

script_var_t *get_var_by_name(str *name)
{
	script_var_t *v;
	if (name == NULL || name->s == NULL)
		return NULL;
	pthread_mutex_lock(&vars_lock);
	v = find(name);
	pthread_mutex_unlock(&vars_lock);
	return v;
}

static void set_null(script_var_t *var)
{
	if (var->v.flags & VAR_VAL_STR)
		pkg_free(var->v.value.s.s);
	memset(&var->v.value, 0, sizeof(var->v.value));
	var->v.flags = VAR_VAL_NULL;
}

script_var_t *set_var_value(script_var_t *var, int_str *value, int flags)
{
	char *copy;
	if (var == NULL)
		return NULL;
	if (value == NULL || (flags & VAR_VAL_NULL)) {
		set_null(var);
		return var;
	}
	if (!(flags & VAR_VAL_STR)) {
		set_null(var);
		var->v.flags = 0;
		var->v.value.n = value->n;
		return var;
	}
	if (value->s.len < 0 || (value->s.len > 0 && value->s.s == NULL)) {
		LM_ERR("bad string value\n");
		return NULL;
	}
	copy = pkg_malloc(value->s.len + 1);   /* before freeing: value may be var's own */
	if (copy == NULL) {
		LM_ERR("no pkg memory\n");
		set_null(var);
		return NULL;
	}
	if (value->s.len)
		memcpy(copy, value->s.s, value->s.len);
	copy[value->s.len] = 0;
	set_null(var);
	var->v.flags = VAR_VAL_STR;
	var->v.value.s.s = copy;
	var->v.value.s.len = value->s.len;
	return var;
}

void reset_vars(void)
{
	script_var_t *it;
	pthread_mutex_lock(&vars_lock);
	for (it = script_vars; it; it = it->next)
		set_null(it);
	pthread_mutex_unlock(&vars_lock);
}

void destroy_vars_list(script_var_t *svl)
{
	script_var_t *next;
	for (; svl; svl = next) {
		next = svl->next;
		pkg_free(svl->name.s);
		if (svl->v.flags & VAR_VAL_STR)
			pkg_free(svl->v.value.s.s);
		pkg_free(svl);
	}
}

void destroy_vars(void)
{
	script_var_t *all;
	pthread_mutex_lock(&vars_lock);
	all = script_vars;
	script_vars = NULL;
	pthread_mutex_unlock(&vars_lock);
	destroy_vars_list(all);
}
