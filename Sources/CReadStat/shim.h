#ifndef CONFIANCE_CREADSTAT_SHIM_H
#define CONFIANCE_CREADSTAT_SHIM_H
#include <readstat.h>
#endif
