#ifndef CONFIANCE_CLIBCSV_SHIM_H
#define CONFIANCE_CLIBCSV_SHIM_H
#include <csv.h>
#endif
