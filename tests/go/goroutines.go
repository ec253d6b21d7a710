// goroutines.go — the Go runtime under tern: goroutines over GOMAXPROCS=4,
// channels, select with timers, sync primitives, atomics, async preemption of
// a tight loop, runtime.GC with finalizers. Output is deterministic and must
// equal the native amd64 build's.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

func pipeline() {
	src := make(chan int)
	sq := make(chan int, 8)
	go func() {
		for i := 1; i <= 1000; i++ {
			src <- i
		}
		close(src)
	}()
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range src {
				sq <- v * v
			}
		}()
	}
	go func() { wg.Wait(); close(sq) }()
	sum := 0
	for v := range sq {
		sum += v
	}
	fmt.Println("pipeline sum", sum)
}

func counters() {
	var n int64
	var mu sync.Mutex
	m := 0
	var wg sync.WaitGroup
	for g := 0; g < 64; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20000; i++ {
				atomic.AddInt64(&n, 1)
				mu.Lock()
				m++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("atomic", atomic.LoadInt64(&n), "mutex", m)
}

func timers() {
	// start is read before the timer is made: a deschedule in between must
	// not make the measured time shorter than the timer's
	start := time.Now()
	t := time.NewTimer(20 * time.Millisecond)
	tick := time.NewTicker(5 * time.Millisecond)
	ticks := 0
loop:
	for {
		select {
		case <-tick.C:
			ticks++
		case <-t.C:
			break loop
		}
	}
	tick.Stop()
	el := time.Since(start)
	fmt.Println("timer fired after >=20ms:", el >= 20*time.Millisecond, "ticks>=2:", ticks >= 2)
	select {
	case <-time.After(10 * time.Millisecond):
		fmt.Println("time.After ok")
	}
}

//go:noinline
func spin(stop *int32) uint64 {
	var x uint64
	for atomic.LoadInt32(stop) == 0 {
		x = x*6364136223846793005 + 1
	}
	return x
}

func tightLoop() uint64 {
	// a loop with no function calls: only async preemption (SIGURG) lets
	// the GC stop it
	var x uint64 = 1
	for i := 0; i < 300000000; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

func preemption() {
	runtime.GOMAXPROCS(1)
	done := make(chan uint64)
	go func() { done <- tightLoop() }()
	time.Sleep(10 * time.Millisecond)
	// with one P, this goroutine runs only if the tight loop is preempted
	var ran int32
	go func() { atomic.StoreInt32(&ran, 1) }()
	time.Sleep(50 * time.Millisecond)
	runtime.GC()
	r := <-done
	fmt.Println("preempted:", atomic.LoadInt32(&ran) == 1, "loop result", r)
	runtime.GOMAXPROCS(4)
}

type obj struct{ buf [1 << 16]byte }

func gc() {
	var finalized int32
	for i := 0; i < 64; i++ {
		o := &obj{}
		o.buf[0] = byte(i)
		runtime.SetFinalizer(o, func(*obj) { atomic.AddInt32(&finalized, 1) })
	}
	keep := make([][]byte, 0)
	for i := 0; i < 2000; i++ {
		b := make([]byte, 4096)
		b[i%4096] = byte(i)
		if i%100 == 0 {
			keep = append(keep, b)
		}
	}
	for i := 0; i < 5 && atomic.LoadInt32(&finalized) < 64; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("finalized", atomic.LoadInt32(&finalized), "kept", len(keep), "gc ran:", ms.NumGC > 0)
}

func maps() {
	m := map[string]int{}
	var mu sync.RWMutex
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				k := fmt.Sprintf("k%03d", (g*31+i)%257)
				mu.Lock()
				m[k]++
				mu.Unlock()
			}
		}(g)
	}
	wg.Wait()
	keys := make([]string, 0, len(m))
	total := 0
	for k, v := range m {
		keys = append(keys, k)
		total += v
	}
	sort.Strings(keys)
	fmt.Println("map keys", len(keys), "first", keys[0], "last", keys[len(keys)-1], "total", total)
}

func main() {
	fmt.Println("GOMAXPROCS", runtime.GOMAXPROCS(4), "->", runtime.GOMAXPROCS(0))
	pipeline()
	counters()
	timers()
	preemption()
	gc()
	maps()
	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("once") })
	}
	cond := sync.NewCond(&sync.Mutex{})
	ready := 0
	for i := 0; i < 4; i++ {
		go func() { cond.L.Lock(); ready++; cond.L.Unlock(); cond.Broadcast() }()
	}
	cond.L.Lock()
	for ready < 4 {
		cond.Wait()
	}
	cond.L.Unlock()
	fmt.Println("cond ready", ready)
	fmt.Fprintln(os.Stderr, "done")
	os.Exit(0)
}
